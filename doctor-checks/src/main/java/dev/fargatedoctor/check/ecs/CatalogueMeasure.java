package dev.fargatedoctor.check.ecs;

import dev.fargatedoctor.check.ecs.MessageCatalogue.Scope;
import java.util.List;
import java.util.function.Function;

/**
 * How much of what it was built from the catalogue recognises: every message AWS documents, and the
 * real-world examples with their confirmed causes. A message is recognised when it reads, the way a
 * check meets it, as the entry it is listed under.
 */
record CatalogueMeasure(int documented, int documentedRecognised, int real, int realRecognised) {

  static CatalogueMeasure of(MessageCatalogue catalogue) {
    int[] d = count(catalogue, MessageEntry::documented);
    int[] r = count(catalogue, MessageEntry::examples);
    return new CatalogueMeasure(d[0], d[1], r[0], r[1]);
  }

  private static int[] count(
      MessageCatalogue catalogue, Function<MessageEntry, List<MessageSample>> which) {
    int total = 0;
    int recognised = 0;
    for (MessageEntry e : catalogue.entries()) {
      for (MessageSample s : which.apply(e)) {
        total++;
        if (readAs(catalogue, e, s).equals(e.id())) recognised++;
      }
    }
    return new int[] {total, recognised};
  }

  /**
   * The cause id a listed message reads as: by the field it was seen in, else as the kind of
   * message its entry reads (a service event or a task's reason).
   */
  static String readAs(MessageCatalogue catalogue, MessageEntry owner, MessageSample s) {
    boolean event;
    if (s.field() != null) event = s.isEvent();
    else if (owner.onEvents() != owner.onTasks()) event = owner.onEvents();
    else event = s.message().startsWith("service ") || s.message().startsWith("(service ");
    Scope scope = s.scope();
    return event
        ? catalogue.readEvent(s.message(), scope).cause().id()
        : catalogue
            .readTaskMessage(s.message(), scope)
            .map(r -> r.cause().id())
            .orElse(Cause.UNRECOGNIZED);
  }

  /** The line the measuring test prints and docs/messages.md shows. */
  String sentence() {
    return "recognised "
        + documentedRecognised
        + " of "
        + documented
        + " documented messages, "
        + realRecognised
        + " of "
        + real
        + " real-world examples";
  }
}
