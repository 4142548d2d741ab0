package org.strokescan.cli;

import picocli.CommandLine.Option;

/**
 * {@code -h, --help} on every command. Not picocli's standard mixin: its {@code -V, --version} would clash with
 * {@code train --version}, and the CLI has no version of its own to print.
 */
final class HelpOption {

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;
}
