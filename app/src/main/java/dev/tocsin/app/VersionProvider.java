package dev.tocsin.app;

import picocli.CommandLine.IVersionProvider;

/** Reports the version from the jar manifest. */
final class VersionProvider implements IVersionProvider {

  @Override
  public String[] getVersion() {
    String version = TocsinCommand.class.getPackage().getImplementationVersion();
    return new String[] {
      "tocsin " + (version == null ? "development build" : version),
      "Java " + Runtime.version() + ", " + System.getProperty("java.vm.name")
    };
  }
}
