package dev.tocsin.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Groups the feed tools: {@code tocsin feeds parse ...}; registry commands join here. */
@Command(
    name = "feeds",
    mixinStandardHelpOptions = true,
    description = "Work with feeds: parse them offline (no Kafka needed).",
    subcommands = {FeedsParseCommand.class, CommandLine.HelpCommand.class})
final class FeedsCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
