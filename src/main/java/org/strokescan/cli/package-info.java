/**
 * The command line ({@code java -jar target/strokescan-cli.jar <command>}), run without an application
 * server. It reads the same configuration as the server and uses the plain-Java control classes of the
 * components (there are no boundaries outside the server).
 */
package org.strokescan.cli;
