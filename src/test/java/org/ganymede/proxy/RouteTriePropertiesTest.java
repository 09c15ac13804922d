package org.ganymede.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** The trie against a reference model: a map of specs and a linear longest-prefix search. */
class RouteTriePropertiesTest {

  record Op(int kind, String path) {}

  @Property(tries = 300)
  void trieAgreesWithAReferenceModelAfterRandomAddsAndDeletes(@ForAll("operations") List<Op> ops) {
    RouteTrie<String> trie = RouteTrie.empty();
    // Keyed by segments: "/" and "//" are the same trie node, as in CHP's trie.
    Map<List<String>, String> model = new HashMap<>();
    for (Op op : ops) {
      String spec = RouteSpecs.normalise(op.path());
      switch (op.kind()) {
        case 0 -> {
          trie = trie.with(spec, spec);
          model.put(RouteTrie.segments(spec), spec);
        }
        case 1 -> {
          trie = trie.without(spec);
          model.remove(RouteTrie.segments(spec));
        }
        default -> assertThat(trie.longestPrefix(op.path())).isEqualTo(referenceLookup(model, op.path()));
      }
    }
  }

  @Property(tries = 100)
  void anOldSnapshotIsUnchangedByLaterUpdates(@ForAll("paths") String a, @ForAll("paths") String b) {
    RouteTrie<String> before = RouteTrie.<String>empty().with(RouteSpecs.normalise(a), "a");
    RouteTrie<String> after = before.with(RouteSpecs.normalise(b), "b").without(RouteSpecs.normalise(a));
    assertThat(before.longestPrefix(a)).isEqualTo("a");
    assertThat(after.longestPrefix(a)).isNotEqualTo("a");
  }

  @Test
  void matchesWholeSegmentsOnly() {
    RouteTrie<String> trie = RouteTrie.<String>empty().with("/", "root").with("/user/alice", "alice");
    assertThat(trie.longestPrefix("/user/alice/lab")).isEqualTo("alice");
    assertThat(trie.longestPrefix("/user/alice/")).isEqualTo("alice");
    assertThat(trie.longestPrefix("/user/alicex")).isEqualTo("root");
    assertThat(trie.longestPrefix("/user")).isEqualTo("root");
  }

  @Test
  void normalisesLikeConfigurableHttpProxy() {
    assertThat(RouteSpecs.normalise("user/alice/")).isEqualTo("/user/alice");
    assertThat(RouteSpecs.normalise("/")).isEqualTo("/");
    assertThat(RouteSpecs.normalise("")).isEqualTo("/");
    assertThat(RouteSpecs.decode("/user/al%20ice+x")).isEqualTo("/user/al ice+x");
  }

  static String referenceLookup(Map<List<String>, String> model, String path) {
    List<String> pathSegments = RouteTrie.segments(path);
    String best = null;
    int bestLength = -1;
    for (List<String> specSegments : model.keySet()) {
      if (specSegments.size() <= pathSegments.size()
          && pathSegments.subList(0, specSegments.size()).equals(specSegments)
          && specSegments.size() > bestLength) {
        best = model.get(specSegments);
        bestLength = specSegments.size();
      }
    }
    return best;
  }

  @Provide
  Arbitrary<String> paths() {
    Arbitrary<String> segment = Arbitraries.of("a", "b", "user", "alice", "", "x y");
    return segment.list().ofMaxSize(4).map(s -> "/" + String.join("/", s))
        .flatMap(p -> Arbitraries.of(p, p + "/"));
  }

  @Provide
  Arbitrary<List<Op>> operations() {
    Arbitrary<Op> op = Combinators.combine(Arbitraries.integers().between(0, 2), paths()).as(Op::new);
    return op.list().ofMaxSize(60);
  }
}
