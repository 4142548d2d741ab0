package org.strokescan.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Entry point of {@code target/strokescan-cli.jar}: picocli parses the command line, so an unknown option, a
 * missing required one or a malformed number is an error, and every command's {@code --help} is generated from its
 * annotated options and their defaults.
 */
public final class Main {

    /** Exit code of a usage error (sysexits.h {@code EX_USAGE}). */
    static final int USAGE = 64;

    /** Columns of the help text: wide enough that dotted names (strokescan.model.active) are rarely broken. */
    private static final int HELP_WIDTH = 100;

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    /**
     * Runs one command: 0 when it succeeded, {@link #USAGE} with the reason on {@code err} for a usage error (unknown
     * command or option, missing or malformed value, or input a command refuses with an IllegalArgumentException), 1
     * with "{@code <command> failed: <message>}" for any other failure; {@code audit-verify} has its own codes.
     */
    static int run(String[] args, Map<String, String> environment, PrintStream out, PrintStream err) {
        return commandLine(new CliContext(environment, out, err)).execute(args);
    }

    /** The command tree, each command constructed with the context it reads and writes. */
    static CommandLine commandLine(CliContext context) {
        CommandLine cli = new CommandLine(new StrokeScanCli())
                .addSubcommand(new AuditVerifyCommand(context))
                .addSubcommand(new PredictCommand(context))
                .addSubcommand(new TriageCommand(context))
                .addSubcommand(new TrainCommand(context))
                .addSubcommand(new EvaluateCommand(context))
                .addSubcommand(new BenchmarkCommand(context))
                .addSubcommand(new DemoSeriesCommand(context))
                .addSubcommand(new ModelReferenceCommand(context));
        cli.getCommandSpec().usageMessage().descriptionHeading("%n").optionListHeading("%nOptions:%n")
                .commandListHeading("%nCommands:%n");
        for (CommandLine command : cli.getSubcommands().values()) {
            command.getCommandSpec().usageMessage().descriptionHeading("%n").parameterListHeading("%nParameters:%n")
                    .optionListHeading("%nOptions:%n");
        }
        // set after the subcommands were added, so that they apply to all of them
        cli.setUsageHelpWidth(HELP_WIDTH);
        cli.setDefaultValueProvider(context.config()); // options that stand for a server setting default to it
        cli.setExpandAtFiles(false); // a file named @slice.png is a file, not a list of arguments
        cli.setOut(new PrintWriter(context.out(), true));
        cli.setErr(new PrintWriter(context.err(), true));
        cli.setParameterExceptionHandler(Main::usageError);
        cli.setExecutionExceptionHandler(Main::failure);
        return cli;
    }

    @Command(name = "java -jar target/strokescan-cli.jar", synopsisSubcommandLabel = "<command>",
            description = "StrokeScan without the server: the server's configuration, intake, gate, preprocessing and"
                    + " model on local files, training and evaluation. `<command> --help` shows each command's options.",
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:done (audit-verify: the chain is intact)", "1:failed (audit-verify: the chain is broken)",
                    "2:audit-verify could not read the audit trail", "64:usage error: unknown command or option, missing"
                    + " or malformed value"})
    static final class StrokeScanCli implements Callable<Integer> {

        @Mixin
        HelpOption help;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            throw new ParameterException(spec.commandLine(), "Missing command");
        }
    }

    private static int usageError(ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        PrintWriter err = command.getErr();
        boolean top = command.getParent() == null;
        if (e instanceof UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()) {
            String first = unmatched.getUnmatched().stream().filter(a -> a.startsWith("-")).findFirst()
                    .orElse(unmatched.getUnmatched().getFirst());
            err.println((first.startsWith("-") ? "unknown option " : top ? "unknown command " : "unexpected argument ")
                    + first);
            UnmatchedArgumentException.printSuggestions(unmatched, err);
        } else {
            err.println(e.getMessage());
        }
        if (top) {
            command.usage(err);
        } else {
            err.println("Try '" + command.getCommandSpec().qualifiedName() + " --help' for its options.");
        }
        return USAGE;
    }

    private static int failure(Exception e, CommandLine command, ParseResult parsed) {
        PrintWriter err = command.getErr();
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        if (e instanceof IllegalArgumentException) {
            err.println(message);
            return USAGE;
        }
        err.println(command.getCommandName() + " failed: " + message);
        return 1;
    }
}
