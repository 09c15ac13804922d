package org.ganymede.auth.ldap;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.RDN;
import java.util.Map;

/**
 * Fills ldapauthenticator's templates ({@code '({login_attr}={login})'},
 * {@code 'uid={username},ou=people,...'}) the way it does, but through the LDAP SDK: values are
 * escaped for where they land, the result is parsed, and a template with an unknown placeholder
 * is refused (Python's {@code str.format} raises KeyError). Placeholders are {@code {name}};
 * {@code {{} and {@code }}} stand for literal braces, as in {@code str.format}.
 *
 * <p>Two kinds of values: <em>names</em> come from the site's own config (an attribute name such as
 * {@code user_attribute}) and are inserted as they are; <em>values</em> come from the login form or
 * the directory and are always escaped.
 */
final class LdapTemplates {
  private LdapTemplates() {}

  /**
   * The filter {@code template} with {@code names} inserted as written and {@code values} escaped as
   * RFC 4515 assertion values ({@code *} → {@code \2a}, {@code (} → {@code \28}, {@code \} → {@code \5c}).
   *
   * @throws IllegalArgumentException when the template has an unknown placeholder or is no filter
   */
  static Filter filter(String template, Map<String, String> names, Map<String, String> values) {
    String text = fill(template, names, values, Filter::encodeValue);
    try {
      return Filter.create(text);
    } catch (LDAPException e) {
      throw new IllegalArgumentException("'" + template + "' is not a valid LDAP filter: " + e.getMessage(), e);
    }
  }

  /**
   * The DN {@code template} with {@code {username}} replaced by {@code value} escaped as an RDN
   * attribute value (RFC 4514: {@code ,} {@code +} {@code "} {@code \} {@code <} {@code >} {@code ;}
   * and leading {@code #} or spaces), then parsed.
   *
   * @throws IllegalArgumentException when the template has an unknown placeholder or is no DN
   */
  static DN dn(String template, String username) {
    String text = fill(template, Map.of(), Map.of("username", username), LdapTemplates::rdnValue);
    try {
      return new DN(text);
    } catch (LDAPException e) {
      throw new IllegalArgumentException("'" + template + "' is not a valid DN template: " + e.getMessage(), e);
    }
  }

  /** The value as the SDK writes it in an RDN: the RDN's string form without {@code x=}. */
  static String rdnValue(String value) {
    return new RDN("x", value).toString().substring(2);
  }

  private static String fill(String template, Map<String, String> names, Map<String, String> values,
      java.util.function.UnaryOperator<String> escape) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < template.length()) {
      char c = template.charAt(i);
      if ((c == '{' || c == '}') && i + 1 < template.length() && template.charAt(i + 1) == c) {
        out.append(c);
        i += 2;
      } else if (c == '{') {
        int end = template.indexOf('}', i);
        if (end < 0) throw new IllegalArgumentException("'" + template + "' has an unclosed '{'");
        String key = template.substring(i + 1, end);
        if (names.containsKey(key)) out.append(names.get(key));
        else if (values.containsKey(key)) out.append(escape.apply(values.get(key)));
        else {
          throw new IllegalArgumentException("'" + template + "' has an unknown placeholder {" + key + "} (known: "
              + String.join(", ", new java.util.TreeSet<>(union(names, values))) + ")");
        }
        i = end + 1;
      } else if (c == '}') {
        throw new IllegalArgumentException("'" + template + "' has a single '}'");
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }

  private static java.util.Set<String> union(Map<String, String> a, Map<String, String> b) {
    java.util.Set<String> keys = new java.util.HashSet<>(a.keySet());
    keys.addAll(b.keySet());
    return keys;
  }
}
