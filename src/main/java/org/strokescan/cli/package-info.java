/**
 * The command line ({@code java -jar target/strokescan-cli.jar <command>}), run without an application
 * server. It reads the same configuration as the server and uses the plain-Java control classes of the
 * components (there are no boundaries outside the server). Each command is one picocli {@code @Command} class that
 * {@code Main} constructs with its {@code CliContext} (environment and streams).
 */
package org.strokescan.cli;
