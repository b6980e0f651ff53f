package dev.tocsin.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code tocsin feeds}: the feed registry on Kafka, and offline feed tools. */
@Command(
    name = "feeds",
    mixinStandardHelpOptions = true,
    description = "Manage the feed registry (add, remove, list, status) and parse feeds offline.",
    subcommands = {
      FeedRegistryCommands.Add.class,
      FeedRegistryCommands.Remove.class,
      FeedRegistryCommands.ListFeeds.class,
      FeedRegistryCommands.Status.class,
      FeedsParseCommand.class,
      CommandLine.HelpCommand.class
    })
final class FeedsCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
