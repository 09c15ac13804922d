package org.ganymede.auth.oauth;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ganymede.config.OAuthSettings;
import tools.jackson.databind.JsonNode;

/**
 * The presets' own rules about who the provider's user is. They run before the hub's allow-lists
 * and whatever allow_all says (oauthenticator's GHSA-gprj-3p75-f996): a Google account outside
 * hosted_domain is refused even when everyone is allowed.
 */
final class ProviderRules {
  private final OAuthSettings s;

  ProviderRules(OAuthSettings s) {
    this.s = s;
  }

  /** The hub user name for {@code user} (the provider's user info), or why this user may not log in. */
  Decision decide(Map<String, Object> user) {
    return switch (s.kind()) {
      case GOOGLE_OAUTH -> google(user);
      case AZURE_AD_OAUTH -> azure(user);
      case CILOGON_OAUTH -> cilogon(user);
      case AUTH0_OAUTH -> auth0(user);
      default -> claim(user, s.usernameClaim());
    };
  }

  /** A user name, or a refusal in plain words. */
  sealed interface Decision {
    record Name(String name) implements Decision {}

    record Refused(String userMessage, String logReason) implements Decision {}
  }

  private Decision google(Map<String, Object> user) {
    // GHSA-55m3-44xf-hg4h: only the hd claim proves Workspace membership, never the e-mail's domain.
    if (!s.hostedDomain().isEmpty()) {
      Object hd = user.get("hd");
      if (!(hd instanceof String domain) || !s.hostedDomain().contains(domain)) {
        return new Decision.Refused("Your Google account is not part of " + String.join(" or ", s.hostedDomain())
            + "; sign in with an account of that organisation.",
            "Google hd claim " + shown(hd) + " is not in GoogleOAuthenticator.hosted_domain " + s.hostedDomain());
      }
    }
    return claim(user, s.usernameClaim());
  }

  private Decision azure(Map<String, Object> user) {
    Object tid = user.get("tid");
    if (!s.tenantId().equals(tid)) {
      return new Decision.Refused("Your Microsoft account does not belong to this organisation's directory.",
          "Azure AD tid claim " + shown(tid) + " is not AzureAdOAuthenticator.tenant_id " + s.tenantId());
    }
    return claim(user, s.usernameClaim());
  }

  private Decision auth0(Map<String, Object> user) {
    // GHSA-rrvg-cxh4-qhrv: anyone can sign up with an address they do not own.
    if (!s.allowUnverifiedEmail() && !Boolean.TRUE.equals(user.get("email_verified"))) {
      return new Decision.Refused("Your e-mail address is not verified; verify it with the identity provider, then sign in again.",
          "email_verified is " + shown(user.get("email_verified")) + " and allow_unverified_email is False");
    }
    return claim(user, s.usernameClaim());
  }

  private Decision cilogon(Map<String, Object> user) {
    // GHSA-r7v4-jwx9-wx43: the institution is the idp entity id, not the e-mail's domain.
    Object idp = user.get("idp");
    JsonNode rule = idp instanceof String id ? s.allowedIdps().get(id) : null;
    if (rule == null || !rule.isObject()) {
      return new Decision.Refused("Logins through this institution are not allowed here.",
          "CILogon idp " + shown(idp) + " is not in CILogonOAuthenticator.allowed_idps");
    }
    JsonNode derivation = rule.path("username_derivation");
    String claimName = derivation.path("username_claim").isString() ? derivation.path("username_claim").stringValue()
        : s.usernameClaim();
    Decision named = claim(user, claimName);
    if (!(named instanceof Decision.Name(String raw))) return named;
    List<String> domains = new ArrayList<>();
    rule.path("allowed_domains").forEach(d -> domains.add(d.asString()));
    if (!domains.isEmpty()) {
      String domain = raw.contains("@") ? raw.substring(raw.lastIndexOf('@') + 1) : "";
      if (!domains.contains(domain)) {
        return new Decision.Refused("Your account's domain is not allowed here.",
            "CILogon " + claimName + " domain " + shown(domain) + " is not in allowed_domains of " + idp);
      }
    }
    String action = derivation.path("action").asString("");
    if (action.equals("strip_idp_domain")) {
      String domain = derivation.path("domain").asString("");
      if (!domain.isEmpty() && raw.endsWith("@" + domain)) return new Decision.Name(raw.substring(0, raw.length() - domain.length() - 1));
    } else if (action.equals("prefix")) {
      return new Decision.Name(derivation.path("prefix").asString("") + ":" + raw);
    }
    return named;
  }

  private static Decision claim(Map<String, Object> user, String claim) {
    Object value = user.get(claim);
    if (value instanceof String name && !name.isBlank()) return new Decision.Name(name);
    return new Decision.Refused("The identity provider did not say who you are; ask the hub's administrator to check "
        + "the username_claim setting.", "no " + claim + " in the user info (fields: " + user.keySet()
        + "); set username_claim or request more scopes");
  }

  private static String shown(Object value) {
    return Optional.ofNullable(value).map(v -> "'" + v + "'").orElse("missing");
  }
}
