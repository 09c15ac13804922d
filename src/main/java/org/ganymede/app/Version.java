package org.ganymede.app;

import picocli.CommandLine.IVersionProvider;

/** The version Ganymede reports, and the JupyterHub API version it speaks. */
public final class Version implements IVersionProvider {
  public static final String GANYMEDE = "0.1.0";

  @Override
  public String[] getVersion() {
    return new String[] {"ganymede " + GANYMEDE};
  }
}
