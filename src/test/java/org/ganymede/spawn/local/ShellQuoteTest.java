package org.ganymede.spawn.local;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Quoting as Python's shlex.quote, which JupyterHub applies to the command under shell_cmd. */
class ShellQuoteTest {
  @Test
  void safeWordsStayBare() {
    assertThat(ShellQuote.quote("jupyterhub-singleuser")).isEqualTo("jupyterhub-singleuser");
    assertThat(ShellQuote.quote("--NotebookApp.default_url=/lab/tree,x@y%z+1:2")).isEqualTo(
        "--NotebookApp.default_url=/lab/tree,x@y%z+1:2");
  }

  @Test
  void everythingElseIsSingleQuotedWithQuotesEscaped() {
    assertThat(ShellQuote.quote("")).isEqualTo("''");
    assertThat(ShellQuote.quote("a b")).isEqualTo("'a b'");
    assertThat(ShellQuote.quote("$HOME")).isEqualTo("'$HOME'");
    assertThat(ShellQuote.quote("it's")).isEqualTo("'it'\"'\"'s'");
    assertThat(ShellQuote.quote("é")).as("shlex's \\w is ASCII only").isEqualTo("'é'");
  }
}
