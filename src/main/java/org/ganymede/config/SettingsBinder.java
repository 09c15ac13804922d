package org.ganymede.config;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Builds a settings record from the catalogue: each record component is the trait of the same
 * name ({@code dbUrl} ↔ {@code db_url}), converted by the component's declared type. The record
 * declares what the hub reads; the catalogue declares what a site may write. A component without
 * a trait is a programming error caught by the first load (and by the catalogue test).
 */
final class SettingsBinder {
  /** Readers by the component's generic type, as written in the record. */
  private static final Map<String, BiFunction<Values, String, Object>> READERS = Map.ofEntries(
      Map.entry("java.lang.String", Values::string),
      Map.entry("int", Values::integer),
      Map.entry("long", Values::longValue),
      Map.entry("double", Values::number),
      Map.entry("boolean", Values::bool),
      Map.entry("java.util.Optional<java.lang.Boolean>", Values::optionalBool),
      Map.entry("java.util.Optional<java.lang.Double>", Values::optionalNumber),
      Map.entry("java.util.Optional<java.lang.Long>", Values::byteSize),
      Map.entry("java.util.List<java.lang.String>", Values::list),
      Map.entry("java.util.Set<java.lang.String>", Values::set),
      Map.entry("java.util.Map<java.lang.String, java.lang.String>", Values::stringMap),
      Map.entry("java.util.Map<java.lang.String, java.lang.Integer>", Values::intMap),
      Map.entry("java.util.Map<org.ganymede.config.Secret, java.lang.String>", Values::secretKeyMap),
      Map.entry("tools.jackson.databind.JsonNode", Values::raw),
      Map.entry("java.util.List<org.ganymede.config.RoleSpec>", (v, n) -> StructuredSpecs.roles(v.raw(n))),
      Map.entry("java.util.Map<java.lang.String, org.ganymede.config.GroupSpec>",
          (v, n) -> StructuredSpecs.groups(v.raw(n))),
      Map.entry("java.util.List<org.ganymede.config.ServiceSpec>", (v, n) -> StructuredSpecs.services(v.raw(n))),
      Map.entry("java.util.List<org.ganymede.config.ProfileSpec>", (v, n) -> StructuredSpecs.profiles(v.raw(n))),
      Map.entry("java.util.Map<java.lang.String, org.ganymede.config.CustomScopeSpec>",
          (v, n) -> StructuredSpecs.customScopes(v.raw(n))));

  private SettingsBinder() {}

  /**
   * The record of type {@code type} with every component read from {@code values}, except
   * {@code kind}, the plugin chosen by name, which is given.
   */
  static <R extends Record> R bind(Class<R> type, Values values, Optional<Object> kind) {
    RecordComponent[] components = type.getRecordComponents();
    Object[] args = new Object[components.length];
    Class<?>[] types = new Class<?>[components.length];
    for (int i = 0; i < components.length; i++) {
      RecordComponent c = components[i];
      types[i] = c.getType();
      args[i] = c.getName().equals("kind") ? kind.orElseThrow() : read(values, c);
    }
    try {
      return type.getDeclaredConstructor(types).newInstance(args);
    } catch (java.lang.reflect.InvocationTargetException e) {
      // A record's own checks (ConfigException naming the setting) pass through as they are.
      if (e.getCause() instanceof RuntimeException r) throw r;
      throw new IllegalStateException("cannot build " + type.getSimpleName() + ": " + e.getCause(), e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot build " + type.getSimpleName() + ": " + e, e);
    }
  }

  private static Object read(Values values, RecordComponent c) {
    String trait = traitName(c.getName());
    Type type = c.getGenericType();
    String typeName = type.getTypeName();
    if (typeName.equals("java.util.Optional<org.ganymede.config.Secret>")) {
      boolean bytes = values.effective(trait).trait().type() == TraitType.BYTES;
      return bytes ? values.secretBytes(trait) : values.secretText(trait);
    }
    if (typeName.equals("java.lang.String") && values.effective(trait).trait().type() == TraitType.LOG_LEVEL) {
      return values.logLevel(trait);
    }
    BiFunction<Values, String, Object> reader = READERS.get(typeName);
    if (reader == null) {
      throw new IllegalStateException("no reader for " + c.getDeclaringRecord().getSimpleName() + "." + c.getName()
          + " of type " + typeName + (type instanceof ParameterizedType ? " (parameterized)" : ""));
    }
    return reader.apply(values, trait);
  }

  /** {@code dbUrl} → {@code db_url}. */
  static String traitName(String component) {
    StringBuilder out = new StringBuilder();
    for (char ch : component.toCharArray()) {
      if (Character.isUpperCase(ch)) out.append('_').append(Character.toLowerCase(ch));
      else out.append(ch);
    }
    return out.toString();
  }

  /** Every component name of the record except {@code kind}, as trait names. */
  static Set<String> traitNames(Class<? extends Record> type) {
    return java.util.Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName)
        .filter(n -> !n.equals("kind")).map(SettingsBinder::traitName)
        .collect(java.util.stream.Collectors.toCollection(java.util.LinkedHashSet::new));
  }

  static List<Class<? extends Record>> records() {
    return List.of(HubSettings.class, AuthenticatorSettings.class, SpawnerSettings.class, ProxySettings.class,
        OAuthSettings.class, LdapSettings.class);
  }
}
