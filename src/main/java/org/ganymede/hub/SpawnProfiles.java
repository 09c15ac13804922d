package org.ganymede.hub;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ganymede.http.HttpException;
import org.ganymede.spawn.ServerLaunch;

/**
 * {@code Spawner.profiles}: environments a user picks on the spawn page, as KubeSpawner's
 * {@code profile_list} for local spawners. The pick arrives as {@code user_options}:
 * {@code profile} (a slug) and one entry per option of that profile, named as the option, whose
 * value is the slug of the chosen choice (what KubeSpawner's {@code options_from_form} makes of
 * the form fields {@code profile-option-<profile>--<option>}).
 */
public record SpawnProfiles(List<Profile> profiles) {
  /** The user_options key holding the chosen profile's slug, as KubeSpawner's. */
  public static final String PROFILE_KEY = "profile";

  /** The form field prefix of a profile's option: {@code profile-option-<profile>--<option>}. */
  public static final String OPTION_FIELD_PREFIX = "profile-option-";

  public SpawnProfiles {
    profiles = List.copyOf(profiles);
  }

  public static SpawnProfiles none() {
    return new SpawnProfiles(List.of());
  }

  public boolean isEmpty() {
    return profiles.isEmpty();
  }

  /** The profile picked by default: the one marked {@code default}, else the first. */
  public Profile defaultProfile() {
    return profiles.stream().filter(Profile::isDefault).findFirst().orElse(profiles.getFirst());
  }

  /**
   * The profile and choices {@code userOptions} ask for; defaults where they say nothing (an API
   * start without options gets the default profile, as KubeSpawner does). Empty when there are
   * no profiles. A slug the config does not have is a 400 naming the field.
   */
  public Optional<Selection> select(Map<String, Object> userOptions) {
    if (profiles.isEmpty()) return Optional.empty();
    Optional<String> asked = single(userOptions.get(PROFILE_KEY));
    Profile profile = asked.isEmpty() ? defaultProfile() : profiles.stream()
        .filter(p -> p.slug().equals(asked.get())).findFirst()
        .orElseThrow(() -> new BadChoice(PROFILE_KEY, "unknown profile '" + shorten(asked.get()) + "'; choose one of "
            + profiles.stream().map(Profile::slug).toList()));
    Map<String, Choice> chosen = new LinkedHashMap<>();
    for (Option option : profile.options()) {
      Optional<String> slug = single(userOptions.get(option.name()));
      Choice choice = slug.isEmpty() ? option.defaultChoice() : option.choices().stream()
          .filter(c -> c.slug().equals(slug.get())).findFirst()
          .orElseThrow(() -> new BadChoice(optionField(profile, option), "unknown choice '" + shorten(slug.get())
              + "' for " + option.displayName() + "; choose one of "
              + option.choices().stream().map(Choice::slug).toList()));
      chosen.put(option.name(), choice);
    }
    return Optional.of(new Selection(profile, chosen));
  }

  /** The form field of one option of one profile, as KubeSpawner names it. */
  public static String optionField(Profile profile, Option option) {
    return OPTION_FIELD_PREFIX + profile.slug() + "--" + option.name();
  }

  /**
   * KubeSpawner's {@code options_from_form} for profiles: {@code profile} and the fields of the
   * chosen profile's options, by option name; the other profiles' fields are dropped. Form values
   * are lists of strings ({@link UserOptions#fromForm}); the result holds single strings.
   */
  public Map<String, Object> fromForm(Map<String, Object> form) {
    if (profiles.isEmpty()) return form;
    Map<String, Object> out = new LinkedHashMap<>();
    Optional<String> slug = single(form.get(PROFILE_KEY));
    String prefix = OPTION_FIELD_PREFIX + slug.orElse("") + "--";
    form.forEach((k, v) -> {
      if (k.equals(PROFILE_KEY)) out.put(k, slug.orElse(""));
      else if (k.startsWith(prefix)) single(v).ifPresent(value -> out.put(k.substring(prefix.length()), value));
      else if (!k.startsWith(OPTION_FIELD_PREFIX)) out.put(k, v);
    });
    return out;
  }

  /** A string, or the first of a list of strings (form fields); empty when absent or blank. */
  private static Optional<String> single(Object value) {
    Object v = value instanceof List<?> l && !l.isEmpty() ? l.getFirst() : value;
    return v instanceof String s && !s.isBlank() ? Optional.of(s) : Optional.empty();
  }

  private static String shorten(String s) {
    return s.length() <= 64 ? s : s.substring(0, 64) + "…";
  }

  /**
   * One profile.
   *
   * @param overrides applied over the {@code Spawner.*} settings, then each chosen choice's over those
   */
  public record Profile(String slug, String displayName, String description, boolean isDefault, Overrides overrides,
      List<Option> options) {
    public Profile {
      options = List.copyOf(options);
    }
  }

  /** A choice the user makes inside a profile ({@code profile_options}), e.g. an image or a size. */
  public record Option(String name, String displayName, List<Choice> choices) {
    public Option {
      choices = List.copyOf(choices);
    }

    public Choice defaultChoice() {
      return choices.stream().filter(Choice::isDefault).findFirst().orElse(choices.getFirst());
    }
  }

  public record Choice(String slug, String displayName, boolean isDefault, Overrides overrides) {}

  /**
   * What a profile or choice may change ({@code spawner_override}); empty is "as configured".
   * {@code environment} is merged over {@code Spawner.environment}; the others replace.
   */
  public record Overrides(Optional<List<String>> cmd, Optional<List<String>> args,
      Optional<Map<String, String>> environment, Optional<String> defaultUrl, Optional<Long> memLimit,
      Optional<Double> cpuLimit) {
    public static Overrides none() {
      return new Overrides(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
          Optional.empty());
    }
  }

  /** A profile with one choice per option of it. */
  public record Selection(Profile profile, Map<String, Choice> choices) {
    public Selection {
      choices = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(choices));
    }

    /** The profile's overrides, then the choices' in option order. */
    List<Overrides> overrides() {
      List<Overrides> out = new java.util.ArrayList<>();
      out.add(profile.overrides());
      out.addAll(choices.values().stream().map(Choice::overrides).toList());
      return out;
    }

    /** The launch with the overrides' command, arguments and environment. */
    public ServerLaunch launch(ServerLaunch base) {
      ServerLaunch launch = base;
      for (Overrides o : overrides()) {
        if (o.cmd().isPresent()) launch = launch.withCmd(o.cmd().get());
        if (o.args().isPresent()) launch = launch.withArgs(o.args().get());
        if (o.environment().isPresent()) {
          Map<String, String> env = new LinkedHashMap<>(launch.environment());
          env.putAll(o.environment().get());
          launch = launch.withEnvironment(env);
        }
      }
      return launch;
    }

    /**
     * The hub's variables of {@code default_url}, {@code mem_limit} and {@code cpu_limit} as
     * the overrides set them ({@code JUPYTERHUB_DEFAULT_URL}, {@code MEM_LIMIT}, {@code CPU_LIMIT}).
     */
    public Map<String, String> hubEnvironment() {
      Map<String, String> env = new LinkedHashMap<>();
      for (Overrides o : overrides()) {
        o.defaultUrl().ifPresent(v -> env.put("JUPYTERHUB_DEFAULT_URL", v));
        o.memLimit().ifPresent(v -> env.put("MEM_LIMIT", Long.toString(v)));
        o.cpuLimit().ifPresent(v -> env.put("CPU_LIMIT", Double.toString(v)));
      }
      return env;
    }

    /** "Python (Image: Large)", for the home page. */
    public String describe() {
      if (choices.isEmpty()) return profile.displayName();
      return profile.displayName() + " (" + String.join(", ", profile.options().stream()
          .map(o -> o.displayName() + ": " + choices.get(o.name()).displayName()).toList()) + ")";
    }
  }

  /** A 400 for a pick the config does not offer, naming the form field it came from. */
  public static final class BadChoice extends HttpException {
    private final String field;

    BadChoice(String field, String message) {
      super(400, message);
      this.field = field;
    }

    /** {@code profile} or {@code profile-option-<profile>--<option>}. */
    public String field() {
      return field;
    }
  }
}
