package org.ganymede.rbac;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class ScopeSetPropertiesTest {
  private static final ScopeCatalogue CATALOGUE = ScopeCatalogue.standard();
  private static final List<String> USERS = List.of("alice", "bob", "carol");
  private static final List<String> GROUPS = List.of("staff", "students");
  private static final GroupMembership MEMBERSHIP = user -> Map.of(
      "alice", Set.of("staff"), "bob", Set.of("staff", "students")).getOrDefault(user, Set.of());
  private static final List<Resource> UNIVERSE = universe();

  private static List<Resource> universe() {
    List<Resource> all = new ArrayList<>();
    for (String u : USERS) {
      all.add(Resource.user(u));
      all.add(Resource.server(u, ""));
      all.add(Resource.server(u, "lab"));
    }
    GROUPS.forEach(g -> all.add(Resource.group(g)));
    all.add(Resource.service("svc"));
    all.add(Resource.service("other"));
    return all;
  }

  @Provide
  Arbitrary<Filter> namedFilters() {
    return Arbitraries.oneOf(
        Arbitraries.of(USERS).map(Filter::user),
        Combinators.combine(Arbitraries.of(USERS), Arbitraries.of("", "lab")).as(Filter::server),
        Arbitraries.of(GROUPS).map(Filter::group),
        Arbitraries.of("svc", "other").map(Filter::service));
  }

  private Arbitrary<Scope> scopes(boolean raw) {
    List<String> names = CATALOGUE.all().stream().map(ScopeDefinition::name)
        .filter(n -> raw || !n.equals("self")).toList();
    Arbitrary<Optional<Filter>> filter = raw
        ? Arbitraries.oneOf(namedFilters().map(Optional::of),
            Arbitraries.of(new Filter(ResourceKind.USER, ""), new Filter(ResourceKind.SERVER, ""),
                new Filter(ResourceKind.SERVICE, "")).map(Optional::of),
            Arbitraries.just(Optional.empty()))
        : Arbitraries.oneOf(namedFilters().map(Optional::of), Arbitraries.just(Optional.empty()));
    return Combinators.combine(Arbitraries.of(names), filter).as(Scope::new);
  }

  @Provide
  Arbitrary<ScopeSet> rawSets() {
    return scopes(true).list().ofMaxSize(6).map(ScopeSet::of);
  }

  @Provide
  Arbitrary<ScopeSet> expandedSets() {
    return Combinators.combine(scopes(false).list().ofMaxSize(6), owners())
        .as((list, owner) -> ScopeSet.of(list).expand(CATALOGUE, owner));
  }

  @Provide
  Arbitrary<Owner> owners() {
    return Arbitraries.oneOf(Arbitraries.of(USERS).map(Owner::user),
        Arbitraries.of("", "lab").map(s -> Owner.server("alice", s)),
        Arbitraries.just(Owner.service("svc")));
  }

  @Property(tries = 300)
  void expansionIsIdempotent(@ForAll("rawSets") ScopeSet raw, @ForAll("owners") Owner owner) {
    ScopeSet once = raw.expand(CATALOGUE, owner);
    assertThat(once.expand(CATALOGUE, owner)).isEqualTo(once);
  }

  @Property(tries = 300)
  void expansionOnlyAddsAndNeverLeavesABareFilter(@ForAll("rawSets") ScopeSet raw,
      @ForAll("owners") Owner owner) {
    ScopeSet expanded = raw.expand(CATALOGUE, owner);
    assertThat(expanded.scopes()).noneMatch(s -> s.filter().map(Filter::isBare).orElse(false));
    assertThat(expanded.names()).doesNotContain("self");
    for (Scope s : raw.scopes()) {
      if (!s.name().equals("self") && !s.isFiltered()) {
        assertThat(expanded.hasUnfiltered(s.name())).isTrue();
      }
    }
  }

  @Property(tries = 300)
  void intersectionIsCommutative(@ForAll("expandedSets") ScopeSet a,
      @ForAll("expandedSets") ScopeSet b) {
    assertThat(a.intersect(b, MEMBERSHIP)).isEqualTo(b.intersect(a, MEMBERSHIP));
    assertThat(a.intersect(b)).isEqualTo(b.intersect(a));
  }

  @Property(tries = 300)
  void intersectionGrantsNothingEitherSideDoesNotGrant(@ForAll("expandedSets") ScopeSet a,
      @ForAll("expandedSets") ScopeSet b) {
    ScopeSet both = a.intersect(b, MEMBERSHIP);
    for (String name : both.names()) {
      for (Resource r : UNIVERSE) {
        if (both.grants(name, r, MEMBERSHIP)) {
          assertThat(a.grants(name, r, MEMBERSHIP)).as("%s on %s from %s", name, r, a).isTrue();
          assertThat(b.grants(name, r, MEMBERSHIP)).as("%s on %s from %s", name, r, b).isTrue();
        }
      }
    }
  }

  @Property(tries = 200)
  void intersectionWithItselfChangesNothing(@ForAll("expandedSets") ScopeSet a) {
    assertThat(a.intersect(a, MEMBERSHIP)).isEqualTo(a);
  }

  @Property(tries = 50)
  void aUserFilteredScopeNeverGrantsAnotherUser(@ForAll("owners") Owner owner) {
    for (String user : USERS) {
      ScopeSet set = ScopeSet.parse(List.of("admin:users!user=" + user, "admin:servers!user=" + user,
          "self")).expand(CATALOGUE, owner);
      AccessCheck check = AccessCheck.of(set, MEMBERSHIP);
      for (Resource r : UNIVERSE) {
        boolean someoneElses = !r.owningUser().equals(user)
            && !(owner.isUser() && r.owningUser().equals(owner.name()));
        if (someoneElses) {
          for (String name : set.names()) {
            assertThat(check.allows(name, r)).as("%s on %s", name, r).isFalse();
          }
        }
      }
    }
  }
}
