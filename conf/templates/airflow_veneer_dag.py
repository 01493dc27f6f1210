"""Airflow DAG running Veneer's jobs with spark-submit (paper only: Airflow is not installed here, untested).

How to use it:
  1. Copy this file into the DAGs folder of an Airflow 2.x deployment whose workers have spark-submit
     configured for the cluster (spark-defaults.cluster.conf beside this file) and the runner jar.
  2. Set the Airflow Variable veneer_jar to the runner jar's path or URI, e.g.
     s3a://lakehouse/jars/veneer-spark-runner-0.1.0-SNAPSHOT-spark-submit.jar
  3. 'veneer_run_prod' runs hourly; 'veneer_apply' is triggered with the plan's location:
       airflow dags trigger veneer_apply --conf '{"plan": "s3a://lakehouse/plans/plan.json"}'
A BashOperator keeps the command visible and needs no provider package; the Apache Spark provider's
SparkSubmitOperator(application=jar, java_class="dev.veneer.spark.cli.VeneerCli", application_args=[...])
does the same. Veneer exits 0 on success, 1 on a refused or failed plan (the task fails with its
message in the log), 2 on bad usage. 'run' is being built (issue 4).
"""
from datetime import datetime, timedelta

from airflow import DAG
from airflow.operators.bash import BashOperator

SUBMIT = (
    "spark-submit --class dev.veneer.spark.cli.VeneerCli "
    "--conf spark.veneer.project=shop "
    "{{ var.value.veneer_jar }} "
)

with DAG(
    dag_id="veneer_run_prod",
    schedule="5 * * * *",
    start_date=datetime(2026, 1, 1),
    catchup=False,
    max_active_runs=1,
    default_args={"retries": 1, "retry_delay": timedelta(minutes=5)},
) as run_prod:
    BashOperator(task_id="run_prod", bash_command=SUBMIT + "run prod")

with DAG(
    dag_id="veneer_apply",
    schedule=None,
    start_date=datetime(2026, 1, 1),
    catchup=False,
    max_active_runs=1,
) as apply:
    BashOperator(task_id="apply", bash_command=SUBMIT + "apply {{ dag_run.conf['plan'] }}")
