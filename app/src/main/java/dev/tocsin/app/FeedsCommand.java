package dev.tocsin.app;

import picocli.CommandLine.Command;

/** {@code tocsin feeds}: the feed registry and feed tools. */
@Command(
    name = "feeds",
    description = "Manage the feed registry and inspect feeds.",
    subcommands = {
      FeedRegistryCommands.Add.class,
      FeedRegistryCommands.Remove.class,
      FeedRegistryCommands.ListFeeds.class,
      FeedRegistryCommands.Status.class
    })
final class FeedsCommand {}
