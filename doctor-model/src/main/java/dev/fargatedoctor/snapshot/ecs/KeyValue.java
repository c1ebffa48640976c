package dev.fargatedoctor.snapshot.ecs;

/**
 * ECS's name/value pair (cluster settings, attachment details). Never used for environment values.
 */
public record KeyValue(String name, String value) {}
