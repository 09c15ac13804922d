package org.ganymede.web;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ganymede.hub.SpawnProfiles;

/**
 * The spawn page's model of {@code Spawner.profiles}: one radio per profile, one select per
 * option, what was submitted picked again, and a refused pick's reason beside its field.
 */
final class ProfileForm {
  private ProfileForm() {}

  /**
   * @param submitted user_options as {@link SpawnProfiles#fromForm} made them (empty on first show)
   * @param badChoice a refused pick, whose reason goes beside its field
   */
  static List<Map<String, Object>> rows(SpawnProfiles profiles, Map<String, Object> submitted,
      Optional<SpawnProfiles.BadChoice> badChoice) {
    if (profiles.isEmpty()) return List.of();
    String badField = badChoice.map(SpawnProfiles.BadChoice::field).orElse("");
    String reason = badChoice.map(RuntimeException::getMessage).orElse("");
    String picked = known(submitted.get(SpawnProfiles.PROFILE_KEY),
        profiles.profiles().stream().map(SpawnProfiles.Profile::slug).toList(), profiles.defaultProfile().slug());
    List<Map<String, Object>> rows = new ArrayList<>();
    for (SpawnProfiles.Profile p : profiles.profiles()) {
      List<Map<String, Object>> options = new ArrayList<>();
      for (SpawnProfiles.Option o : p.options()) {
        String field = SpawnProfiles.optionField(p, o);
        boolean mine = p.slug().equals(picked);
        String chosen = mine ? known(submitted.get(o.name()), o.choices().stream().map(SpawnProfiles.Choice::slug).toList(),
            o.defaultChoice().slug()) : o.defaultChoice().slug();
        List<Map<String, Object>> choices = new ArrayList<>();
        for (SpawnProfiles.Choice c : o.choices()) {
          choices.add(Map.of("slug", c.slug(), "display_name", c.displayName(), "selected", c.slug().equals(chosen)));
        }
        Map<String, Object> option = new HashMap<>();
        option.put("field", field);
        option.put("display_name", o.displayName());
        option.put("choices", choices);
        option.put("error", field.equals(badField) ? reason : "");
        options.add(option);
      }
      Map<String, Object> row = new HashMap<>();
      row.put("slug", p.slug());
      row.put("display_name", p.displayName());
      row.put("description", p.description());
      row.put("checked", p.slug().equals(picked));
      row.put("options", options);
      rows.add(row);
    }
    return rows;
  }

  /** The submitted slug when it is one of {@code slugs}, else {@code fallback}. */
  private static String known(Object submitted, List<String> slugs, String fallback) {
    return submitted instanceof String s && slugs.contains(s) ? s : fallback;
  }
}
