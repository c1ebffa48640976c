package dev.fargatedoctor.check.ecs;

/**
 * An error family ECS documents on a page of its own ({@code CannotPullContainerError}, {@code
 * ResourceInitializationError}, ...): what an unknown message of the family should send its reader
 * to.
 *
 * @param read what to read next, in plain words
 */
record ErrorFamily(String prefix, String docs, String read) {}
