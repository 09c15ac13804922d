package org.ganymede.app.check;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The one shadow judgement: readable when PAM needs it, group shadow refused when PAM is not used. */
class ShadowAccessTest {
  @Test
  void withPamReadingShadowPasses() {
    assertThat(ShadowAccess.judge("ganymede", true, true, true))
        .isEqualTo(Finding.pass("shadow-group", "ganymede can read /etc/shadow (group shadow), which PAM needs."));
    assertThat(ShadowAccess.judge("root", true, false, true).status()).isEqualTo(Status.PASS);
  }

  @Test
  void withPamNotReadingShadowFailsAndSaysToJoinTheGroup() {
    Finding f = ShadowAccess.judge("ganymede", true, false, false);
    assertThat(f.status()).isEqualTo(Status.FAIL);
    assertThat(f.why()).isEqualTo("ganymede cannot read /etc/shadow, so PAM refuses every other user.");
    assertThat(f.fix()).isEqualTo("usermod -aG shadow ganymede");
  }

  @Test
  void withPamInTheGroupButNotReadingShadowFailsOnTheFilesMode() {
    Finding f = ShadowAccess.judge("ganymede", true, true, false);
    assertThat(f.status()).isEqualTo(Status.FAIL);
    assertThat(f.fix()).startsWith("chgrp shadow /etc/shadow && chmod 0640 /etc/shadow");
  }

  @Test
  void withoutPamGroupShadowFailsAndSaysToLeaveIt() {
    Finding f = ShadowAccess.judge("hubuser", false, true, true);
    assertThat(f.status()).isEqualTo(Status.FAIL);
    assertThat(f.why()).contains("can read every password hash");
    assertThat(f.fix()).isEqualTo("gpasswd -d hubuser shadow");
  }

  @Test
  void withoutPamOutsideTheGroupPasses() {
    assertThat(ShadowAccess.judge("hubuser", false, false, false))
        .isEqualTo(Finding.pass("shadow-group", "hubuser is not in group shadow (PAM is not used)."));
  }
}
