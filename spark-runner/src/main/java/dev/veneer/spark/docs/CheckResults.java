package dev.veneer.spark.docs;

import dev.veneer.catalog.ModelName;
import dev.veneer.spark.docs.DocsModel.CheckResult;
import java.util.List;

/**
 * Where a model's audits and unit tests, with their last results, come from. The site shows what this
 * gives; {@link #NONE} until the project defines audits or tests.
 */
public interface CheckResults {
    CheckResults NONE = model -> List.of();

    List<CheckResult> of(ModelName model);
}
