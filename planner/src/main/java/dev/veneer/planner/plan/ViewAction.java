package dev.veneer.planner.plan;

public enum ViewAction {
    CREATE_OR_REPLACE,
    DROP
}
