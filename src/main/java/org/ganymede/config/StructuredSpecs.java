package org.ganymede.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Checks and reads the structured traits {@code load_roles}, {@code services} and
 * {@code load_groups}. Problems name the position and key ({@code [1]: unknown key 'adimn'; did
 * you mean 'admin'?}) and are prefixed with the trait name by the caller.
 */
final class StructuredSpecs {
  private static final Map<String, TraitType> ROLE_KEYS =
      ordered("name", TraitType.STRING, "description", TraitType.STRING, "scopes", TraitType.STRING_LIST,
          "users", TraitType.STRING_LIST, "groups", TraitType.STRING_LIST, "services", TraitType.STRING_LIST);
  private static final Map<String, TraitType> SERVICE_KEYS =
      ordered("name", TraitType.STRING, "admin", TraitType.BOOL, "url", TraitType.STRING,
          "api_token", TraitType.STRING, "oauth_client_id", TraitType.STRING,
          "oauth_redirect_uri", TraitType.STRING, "oauth_no_confirm", TraitType.BOOL,
          "oauth_client_allowed_scopes", TraitType.STRING_LIST, "info", TraitType.DICT,
          "display", TraitType.BOOL, "command", TraitType.COMMAND, "environment", TraitType.STRING_MAP,
          "user", TraitType.STRING, "cwd", TraitType.STRING);
  private static final Map<String, TraitType> GROUP_KEYS =
      ordered("users", TraitType.STRING_LIST, "properties", TraitType.DICT);
  private static final Map<String, TraitType> CUSTOM_SCOPE_KEYS =
      ordered("description", TraitType.STRING, "subscopes", TraitType.STRING_LIST);
  private static final Set<String> SECRET_KEYS = Set.of("api_token");
  private static final Map<String, TraitType> PROFILE_KEYS =
      ordered("display_name", TraitType.STRING, "slug", TraitType.STRING, "description", TraitType.STRING,
          "default", TraitType.BOOL, "spawner_override", TraitType.DICT, "profile_options", TraitType.DICT);
  private static final Map<String, TraitType> PROFILE_OPTION_KEYS =
      ordered("display_name", TraitType.STRING, "choices", TraitType.DICT);
  private static final Map<String, TraitType> PROFILE_CHOICE_KEYS =
      ordered("display_name", TraitType.STRING, "default", TraitType.BOOL, "spawner_override", TraitType.DICT);
  /** What a profile may change: the launch and the advisory limits, nothing that moves the server. */
  private static final Map<String, TraitType> OVERRIDE_KEYS =
      ordered("cmd", TraitType.COMMAND, "args", TraitType.STRING_LIST, "environment", TraitType.STRING_MAP,
          "default_url", TraitType.STRING, "mem_limit", TraitType.BYTE_SIZE, "cpu_limit", TraitType.OPTIONAL_FLOAT);
  /** Slugs travel in form field names and user_options: plain words keep both unambiguous. */
  private static final java.util.regex.Pattern SLUG = java.util.regex.Pattern.compile("[a-zA-Z0-9_.]+(-[a-zA-Z0-9_.]+)*");

  private StructuredSpecs() {}

  static List<String> roleProblems(JsonNode roles) {
    if (!roles.isArray()) return List.of(" must be " + TraitType.ROLES.expected() + ", got " + Literals.repr(roles));
    List<String> problems = new ArrayList<>();
    List<String> names = new ArrayList<>();
    int i = 0;
    for (JsonNode role : roles) {
      String at = "[" + i++ + "]";
      problems.addAll(dictProblems(role, at, ROLE_KEYS, Set.of("name")));
      if (role.isObject() && role.path("name").isString()) {
        String name = role.get("name").stringValue();
        if (names.contains(name)) problems.add(at + ": role '" + name + "' is defined twice");
        names.add(name);
      }
    }
    return problems;
  }

  static List<String> serviceProblems(JsonNode services) {
    if (!services.isArray()) {
      return List.of(" must be " + TraitType.SERVICES.expected() + ", got " + Literals.repr(services));
    }
    List<String> problems = new ArrayList<>();
    List<String> names = new ArrayList<>();
    int i = 0;
    for (JsonNode service : services) {
      String at = "[" + i++ + "]";
      problems.addAll(dictProblems(service, at, SERVICE_KEYS, Set.of("name")));
      if (!service.isObject()) continue;
      problems.addAll(managedProblems(service, at));
      if (service.path("oauth_client_id").isString()
          && !service.get("oauth_client_id").stringValue().startsWith("service-")) {
        problems.add(at + ".oauth_client_id must start with 'service-', got "
            + Literals.repr(service.get("oauth_client_id")));
      }
      if (service.path("name").isString()) {
        String name = service.get("name").stringValue();
        if (names.contains(name)) problems.add(at + ": service '" + name + "' is defined twice");
        names.add(name);
      }
    }
    return problems;
  }

  /** {@code environment}, {@code user} and {@code cwd} only mean something for a service the hub runs. */
  private static List<String> managedProblems(JsonNode service, String at) {
    List<String> problems = new ArrayList<>();
    JsonNode command = service.path("command");
    List<String> program = command.isString() ? List.of(command.stringValue())
        : command.isArray() && !command.isEmpty() && command.get(0).isString() ? List.of(command.get(0).stringValue())
        : List.of("");
    if (service.has("command") && TraitType.COMMAND.problems(command).isEmpty() && program.get(0).isBlank()) {
      problems.add(at + ".command must name a program to run, got " + Literals.repr(command));
    }
    if (!service.has("command")) {
      for (String key : List.of("environment", "user", "cwd")) {
        if (service.has(key)) {
          problems.add(at + "." + key + ": only used by a managed service (one with a 'command' the hub runs)");
        }
      }
    }
    if (service.path("url").isString()) {
      String url = service.get("url").stringValue();
      if (!url.startsWith("http://") && !url.startsWith("https://")) {
        problems.add(at + ".url must be an http:// or https:// URL the proxy can reach, got " + Literals.quote(url));
      }
    }
    return problems;
  }

  static List<String> groupProblems(JsonNode groups) {
    if (!groups.isObject()) {
      return List.of(" must be " + TraitType.GROUPS.expected() + ", got " + Literals.repr(groups));
    }
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, JsonNode> e : groups.properties()) {
      String at = "[" + Literals.quote(e.getKey()) + "]";
      JsonNode group = e.getValue();
      if (group.isArray()) {
        if (!TraitType.isStringArray(group)) problems.add(at + " must be a list of user names, got " + Literals.repr(group));
      } else {
        problems.addAll(dictProblems(group, at, GROUP_KEYS, Set.of()));
      }
    }
    return problems;
  }

  /** The shape only; names and subscopes are checked against the scope catalogue at start (rbac). */
  static List<String> customScopeProblems(JsonNode scopes) {
    if (!scopes.isObject()) {
      return List.of(" must be " + TraitType.CUSTOM_SCOPES.expected() + ", got " + Literals.repr(scopes));
    }
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, JsonNode> e : scopes.properties()) {
      problems.addAll(dictProblems(e.getValue(), "[" + Literals.quote(e.getKey()) + "]", CUSTOM_SCOPE_KEYS,
          Set.of("description")));
    }
    return problems;
  }

  static List<String> profileProblems(JsonNode profiles) {
    if (!profiles.isArray()) {
      return List.of(" must be " + TraitType.PROFILES.expected() + ", got " + Literals.repr(profiles));
    }
    List<String> problems = new ArrayList<>();
    List<String> slugs = new ArrayList<>();
    int defaults = 0;
    int i = 0;
    for (JsonNode profile : profiles) {
      String at = "[" + i++ + "]";
      if (profile.isObject() && profile.has("kubespawner_override")) {
        problems.add(at + ": 'kubespawner_override' is KubeSpawner's; local spawners read 'spawner_override'");
        continue;
      }
      List<String> own = dictProblems(profile, at, PROFILE_KEYS, Set.of("display_name"));
      problems.addAll(own);
      if (!own.isEmpty()) continue;
      String slug = profileSlug(profile);
      if (!SLUG.matcher(slug).matches()) {
        problems.add(at + ".slug must be letters, digits, '_', '.' and single '-' between them, got "
            + Literals.quote(slug));
      } else if (slugs.contains(slug)) {
        problems.add(at + ": slug '" + slug + "' is used twice (slugs name the profile in user_options)");
      }
      slugs.add(slug);
      if (profile.path("default").asBoolean(false)) defaults++;
      problems.addAll(overrideProblems(profile.path("spawner_override"), at + ".spawner_override"));
      for (Map.Entry<String, JsonNode> o : profile.path("profile_options").properties()) {
        problems.addAll(profileOptionProblems(o.getKey(), o.getValue(), at + ".profile_options["
            + Literals.quote(o.getKey()) + "]"));
      }
    }
    if (defaults > 1) problems.add(": " + defaults + " profiles say 'default': True; at most one may");
    return problems;
  }

  private static List<String> profileOptionProblems(String name, JsonNode option, String at) {
    List<String> problems = new ArrayList<>();
    if (!SLUG.matcher(name).matches()) {
      problems.add(at + ": option names must be letters, digits, '_', '.' and single '-' between them");
    }
    if (name.equals("profile")) problems.add(at + ": 'profile' is the key of the chosen profile in user_options");
    List<String> own = dictProblems(option, at, PROFILE_OPTION_KEYS, Set.of("display_name", "choices"));
    problems.addAll(own);
    if (!own.isEmpty()) return problems;
    if (option.get("choices").isEmpty()) problems.add(at + ".choices must offer at least one choice");
    int defaults = 0;
    for (Map.Entry<String, JsonNode> c : option.get("choices").properties()) {
      String cat = at + ".choices[" + Literals.quote(c.getKey()) + "]";
      if (!SLUG.matcher(c.getKey()).matches()) {
        problems.add(cat + ": choice names must be letters, digits, '_', '.' and single '-' between them");
      }
      List<String> choice = dictProblems(c.getValue(), cat, PROFILE_CHOICE_KEYS, Set.of("display_name"));
      problems.addAll(choice);
      if (!choice.isEmpty()) continue;
      if (c.getValue().path("default").asBoolean(false)) defaults++;
      problems.addAll(overrideProblems(c.getValue().path("spawner_override"), cat + ".spawner_override"));
    }
    if (defaults > 1) problems.add(at + ".choices: " + defaults + " choices say 'default': True; at most one may");
    return problems;
  }

  private static List<String> overrideProblems(JsonNode override, String at) {
    if (override.isMissingNode()) return List.of();
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, JsonNode> e : override.properties()) {
      TraitType type = OVERRIDE_KEYS.get(e.getKey());
      if (type == null) {
        problems.add(at + ": '" + e.getKey() + "' cannot be overridden by a profile"
            + Suggestions.hint(e.getKey(), OVERRIDE_KEYS.keySet())
            + " (a profile may override: " + String.join(", ", OVERRIDE_KEYS.keySet()) + ")");
      } else if (!type.problems(e.getValue()).isEmpty()) {
        problems.add(at + "." + e.getKey() + " must be " + type.expected() + ", got " + Literals.repr(e.getValue()));
      } else if (e.getKey().equals("cmd") && TraitType.COMMAND.normalized(e.getValue()).isEmpty()) {
        problems.add(at + ".cmd must name a program, got []");
      } else if (e.getKey().equals("environment")) {
        e.getValue().propertyNames().stream().filter(n -> n.isEmpty() || n.contains("=") || n.indexOf('\0') >= 0)
            .forEach(n -> problems.add(at + ".environment: invalid variable name " + Literals.quote(n)
                + " (names must be non-empty without '=' or NUL)"));
      }
    }
    return problems;
  }

  /** KubeSpawner's slug: given, else the display name in lower case with runs of other characters as '-'. */
  private static String profileSlug(JsonNode profile) {
    if (profile.path("slug").isString()) return profile.get("slug").stringValue();
    return profile.get("display_name").stringValue().toLowerCase(java.util.Locale.ROOT)
        .replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
  }

  static List<ProfileSpec> profiles(JsonNode profiles) {
    List<ProfileSpec> out = new ArrayList<>();
    for (JsonNode p : profiles) {
      Map<String, ProfileSpec.OptionSpec> options = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> o : p.path("profile_options").properties()) {
        Map<String, ProfileSpec.ChoiceSpec> choices = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> c : o.getValue().get("choices").properties()) {
          choices.put(c.getKey(), new ProfileSpec.ChoiceSpec(c.getValue().get("display_name").stringValue(),
              c.getValue().path("default").asBoolean(false), override(c.getValue().path("spawner_override"))));
        }
        options.put(o.getKey(), new ProfileSpec.OptionSpec(o.getValue().get("display_name").stringValue(), choices));
      }
      out.add(new ProfileSpec(p.get("display_name").stringValue(), profileSlug(p), text(p, "description").orElse(""),
          p.path("default").asBoolean(false), override(p.path("spawner_override")), options));
    }
    return out;
  }

  private static ProfileSpec.Override override(JsonNode o) {
    Optional<Map<String, String>> environment = Optional.empty();
    if (o.has("environment")) {
      Map<String, String> env = new LinkedHashMap<>();
      o.get("environment").properties().forEach(e -> env.put(e.getKey(), e.getValue().stringValue()));
      environment = Optional.of(java.util.Collections.unmodifiableMap(env));
    }
    return new ProfileSpec.Override(
        o.has("cmd") ? Optional.of(values(TraitType.COMMAND.normalized(o.get("cmd")))) : Optional.empty(),
        o.has("args") ? Optional.of(values(o.get("args"))) : Optional.empty(), environment, text(o, "default_url"),
        o.has("mem_limit") && !o.get("mem_limit").isNull() ? Optional.of(TraitType.byteSize(o.get("mem_limit")))
            : Optional.empty(),
        o.has("cpu_limit") && !o.get("cpu_limit").isNull() ? Optional.of(o.get("cpu_limit").asDouble())
            : Optional.empty());
  }

  static Map<String, CustomScopeSpec> customScopes(JsonNode scopes) {
    Map<String, CustomScopeSpec> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : scopes.properties()) {
      List<String> subscopes = new ArrayList<>();
      e.getValue().path("subscopes").forEach(s -> subscopes.add(s.stringValue()));
      out.put(e.getKey(), new CustomScopeSpec(e.getValue().get("description").stringValue(), subscopes));
    }
    return java.util.Collections.unmodifiableMap(out);
  }

  static List<RoleSpec> roles(JsonNode roles) {
    List<RoleSpec> out = new ArrayList<>();
    for (JsonNode r : roles) {
      out.add(new RoleSpec(r.get("name").stringValue(), text(r, "description").orElse(""),
          strings(r, "scopes"), strings(r, "users"), strings(r, "groups"), strings(r, "services")));
    }
    return out;
  }

  static List<ServiceSpec> services(JsonNode services) {
    List<ServiceSpec> out = new ArrayList<>();
    for (JsonNode s : services) {
      String name = s.get("name").stringValue();
      Map<String, String> environment = new LinkedHashMap<>();
      s.path("environment").properties().forEach(e -> environment.put(e.getKey(), e.getValue().stringValue()));
      out.add(new ServiceSpec(name, s.path("admin").asBoolean(false), text(s, "url"),
          text(s, "api_token").map(Secret::ofText), text(s, "oauth_client_id").orElse("service-" + name),
          text(s, "oauth_redirect_uri"), s.path("oauth_no_confirm").asBoolean(false),
          strings(s, "oauth_client_allowed_scopes"),
          s.has("info") ? s.get("info") : Literals.NODES.objectNode(), s.path("display").asBoolean(true),
          environment, text(s, "user"), command(s), text(s, "cwd")));
    }
    return out;
  }

  static Map<String, GroupSpec> groups(JsonNode groups) {
    Map<String, GroupSpec> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : groups.properties()) {
      JsonNode g = e.getValue();
      out.put(e.getKey(), g.isArray()
          ? new GroupSpec(values(g), Literals.NODES.objectNode())
          : new GroupSpec(strings(g, "users"), g.has("properties") ? g.get("properties") : Literals.NODES.objectNode()));
    }
    return out;
  }

  private static List<String> dictProblems(JsonNode dict, String at, Map<String, TraitType> keys, Set<String> required) {
    if (!dict.isObject()) return List.of(at + " must be a dict, got " + Literals.repr(dict));
    List<String> problems = new ArrayList<>();
    for (String key : required) {
      if (!dict.has(key)) problems.add(at + ": missing required key '" + key + "'");
    }
    for (Map.Entry<String, JsonNode> e : dict.properties()) {
      TraitType type = keys.get(e.getKey());
      if (type == null) {
        problems.add(at + ": unknown key '" + e.getKey() + "'" + Suggestions.hint(e.getKey(), keys.keySet())
            + " (known keys: " + String.join(", ", keys.keySet()) + ")");
      } else if (!type.problems(e.getValue()).isEmpty()) {
        String shown = SECRET_KEYS.contains(e.getKey()) ? "<secret>" : Literals.repr(e.getValue());
        problems.add(at + "." + e.getKey() + " must be " + type.expected() + ", got " + shown);
      }
    }
    return problems;
  }

  private static Optional<String> text(JsonNode dict, String key) {
    JsonNode v = dict.get(key);
    return v != null && v.isString() ? Optional.of(v.stringValue()) : Optional.empty();
  }

  /** JupyterHub takes a command as a list, or one string as a one-word list. */
  private static List<String> command(JsonNode service) {
    JsonNode c = service.path("command");
    return c.isString() ? List.of(c.stringValue()) : strings(service, "command");
  }

  private static List<String> strings(JsonNode dict, String key) {
    return dict.has(key) ? values(dict.get(key)) : List.of();
  }

  private static List<String> values(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.values().forEach(v -> out.add(v.stringValue()));
    return out;
  }

  private static Map<String, TraitType> ordered(Object... pairs) {
    Map<String, TraitType> map = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) map.put((String) pairs[i], (TraitType) pairs[i + 1]);
    return map;
  }
}
