/* bench-filter.c: filters 100,000 members the way the members view does
 * (sort model, incremental filter model, member selection) and reports the
 * time to the first results and the longest main loop stall. A benchmark,
 * not a test: it prints numbers and fails only if filtering never ends.
 *
 * Run it with `meson test -C BUILD --benchmark filter`.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gtk/gtk.h>

#include "roster-member-selection.h"
#include "roster-search-filter.h"
#include "roster-search-key.h"

#define N_MEMBERS 100000
#define TIMEOUT_US (60 * G_USEC_PER_SEC)

static const char * const first_names[] = {
  "Amélie", "Björn", "Chloé", "Dörte", "José", "François", "Gösta", "Håkon",
  "Inès", "Jürgen", "Léa", "Núria", "Óscar", "Paweł", "Søren", "Tomáš",
};

static const char * const last_names[] = {
  "Müller", "García", "Nowak", "Šimek", "Øvergaard", "Dubois", "Rossi", "Álvarez",
  "Yilmaz", "Nguyễn", "Fernández", "Lefèvre", "Szabó", "Ćosić", "Åberg", "Kim", "Smith",
};

typedef struct
{
  gint64 started;
  gint64 first_results;
} Measure;

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Measure    *measure)
{
  if (measure->first_results == 0 && g_list_model_get_n_items (model) > 0)
    measure->first_results = g_get_monotonic_time ();
}

static GListStore *
create_members (void)
{
  GListStore *store = g_list_store_new (ROSTER_TYPE_MEMBER);
  g_autoptr(GPtrArray) members = g_ptr_array_new_full (N_MEMBERS, g_object_unref);

  for (guint i = 0; i < N_MEMBERS; i++)
    {
      const char *first = first_names[i % G_N_ELEMENTS (first_names)];
      const char *last = last_names[(i / G_N_ELEMENTS (first_names)) % G_N_ELEMENTS (last_names)];
      g_autofree char *name = g_strdup_printf ("%s %s %u", first, last, i);
      g_autofree char *email = g_strdup_printf ("user%u@example.com", i);
      g_autofree char *user_id = g_strdup_printf ("auth0|%024x", i);

      g_ptr_array_add (members, roster_member_new (user_id, name, email, NULL));
    }

  g_list_store_splice (store, 0, 0, members->pdata, members->len);

  return store;
}

/* Sets @query and iterates the main context until the filter model has
 * checked every row, timing each iteration. */
static void
measure_query (RosterSearchFilter *filter,
               GtkFilterListModel *filtered,
               const char         *query)
{
  Measure measure = { 0 };
  gint64 longest_stall = 0;
  gint64 last;
  gulong handler;

  handler = g_signal_connect (filtered, "items-changed", G_CALLBACK (on_items_changed), &measure);

  measure.started = g_get_monotonic_time ();
  roster_search_filter_set_query (filter, query);
  last = g_get_monotonic_time ();
  longest_stall = last - measure.started;

  while (gtk_filter_list_model_get_pending (filtered) > 0)
    {
      gint64 now;

      g_main_context_iteration (NULL, TRUE);
      now = g_get_monotonic_time ();
      longest_stall = MAX (longest_stall, now - last);
      last = now;

      if (now - measure.started > TIMEOUT_US)
        g_error ("Filtering for “%s” did not finish within 60 s", query);
    }

  g_signal_handler_disconnect (filtered, handler);

  g_print ("query %-12s matches %6u  first results %7.1f ms  all rows %7.1f ms  longest stall %6.1f ms\n",
           query, g_list_model_get_n_items (G_LIST_MODEL (filtered)),
           measure.first_results ? (measure.first_results - measure.started) / 1000.0 : -1.0,
           (last - measure.started) / 1000.0, longest_stall / 1000.0);
}

/* Selecting every row is one main loop iteration, so its duration is a
 * stall too. */
static void
measure_select_all (RosterMemberSelection *selection)
{
  gint64 started = g_get_monotonic_time ();
  gint64 selected;

  gtk_selection_model_select_all (GTK_SELECTION_MODEL (selection));
  selected = g_get_monotonic_time ();
  g_assert_cmpuint (roster_member_selection_get_n_selected (selection), ==, N_MEMBERS);

  gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (selection));
  g_print ("select all %7.1f ms  unselect all %7.1f ms\n",
           (selected - started) / 1000.0, (g_get_monotonic_time () - selected) / 1000.0);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GListStore) members = NULL;
  g_autoptr(GtkSortListModel) sorted = NULL;
  g_autoptr(RosterSearchFilter) filter = NULL;
  g_autoptr(GtkFilterListModel) filtered = NULL;
  g_autoptr(RosterMemberSelection) selection = NULL;
  const char * const queries[] = { "jose", "jose alv", "jose", "smith", "user4", "auth0|0000", "zzz", "" };

  members = create_members ();
  sorted = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (members)), NULL);
  filter = roster_search_filter_new ((RosterSearchKeyFunc) roster_search_key_for_member);
  filtered = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (sorted)),
                                        g_object_ref (GTK_FILTER (filter)));
  gtk_filter_list_model_set_incremental (filtered, TRUE);
  selection = roster_member_selection_new (G_LIST_MODEL (filtered));

  g_print ("%u members; the first query also folds every member's search key\n", N_MEMBERS);
  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    measure_query (filter, filtered, queries[i]);

  measure_select_all (selection);

  return 0;
}
