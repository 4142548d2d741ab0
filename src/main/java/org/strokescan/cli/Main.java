package org.strokescan.cli;

import java.io.PrintStream;
import java.util.Map;

/** Entry point of {@code target/strokescan-cli.jar}. */
public final class Main {

    static final int USAGE = 64;

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    static int run(String[] args, Map<String, String> environment, PrintStream out, PrintStream err) {
        String command = args.length == 0 ? "" : args[0];
        return switch (command) {
            case "audit-verify" -> AuditVerifyCommand.run(new CliConfig(environment), out, err);
            case "train" -> withOptions(args, err, options -> TrainCommand.run(options, out));
            case "benchmark" -> withOptions(args, err,
                    options -> BenchmarkCommand.run(options, new CliConfig(environment), out));
            case "evaluate" -> withOptions(args, err,
                    options -> EvaluateCommand.run(options, new CliConfig(environment), out));
            case "predict" -> withOptions(args, err,
                    options -> PredictCommand.run(options, new CliConfig(environment), out, err));
            case "triage" -> withOptions(args, err,
                    options -> TriageCommand.run(options, new CliConfig(environment), out, err));
            default -> {
                err.println("""
                        Usage: java -jar target/strokescan-cli.jar <command>

                        Commands:
                          audit-verify   check the audit trail's hash chain in the database of strokescan.db.url
                                         (env STROKESCAN_DB_URL, STROKESCAN_DB_USER, STROKESCAN_DB_PASSWORD);
                                         prints "OK <n> records" (exit 0) or the first broken record (exit 1)
                        """ + PredictCommand.USAGE + "\n" + TriageCommand.USAGE + "\n" + TrainCommand.USAGE + "\n"
                        + EvaluateCommand.USAGE + "\n" + BenchmarkCommand.USAGE);
                yield USAGE;
            }
        };
    }

    interface Command {
        int run(Options options) throws Exception;
    }

    private static int withOptions(String[] args, PrintStream err, Command command) {
        try {
            return command.run(new Options(args, 1));
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return USAGE;
        } catch (Exception e) {
            err.println(args[0] + " failed: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            return 1;
        }
    }
}
