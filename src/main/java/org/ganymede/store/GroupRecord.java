package org.ganymede.store;

import java.util.List;

/** A row of {@code groups} with its members' names; {@code propertiesJson} is a JSON object. */
public record GroupRecord(long id, String name, String propertiesJson, List<String> members) {
  public GroupRecord {
    members = List.copyOf(members);
  }
}
