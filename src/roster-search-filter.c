/* roster-search-filter.c: a GtkFilter that keeps the items whose folded
 * search key contains the folded query.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "roster-search-filter.h"
#include "roster-search-key.h"

struct _RosterSearchFilter
{
  GtkFilter            parent_instance;

  RosterSearchKeyFunc  key_func;
  char                *query;     /* owned: the raw text, "" for none */
  char                *folded;    /* owned: the query after roster_search_fold() */
};

G_DEFINE_FINAL_TYPE (RosterSearchFilter, roster_search_filter, GTK_TYPE_FILTER)

static gboolean
roster_search_filter_match (GtkFilter *filter,
                            gpointer   item)
{
  RosterSearchFilter *self = ROSTER_SEARCH_FILTER (filter);

  if (*self->folded == '\0')
    return TRUE;

  return strstr (self->key_func (item), self->folded) != NULL;
}

/* An empty query keeps every item, which GtkFilterListModel then passes
 * through without calling match() on each. */
static GtkFilterMatch
roster_search_filter_get_strictness (GtkFilter *filter)
{
  RosterSearchFilter *self = ROSTER_SEARCH_FILTER (filter);

  return *self->folded == '\0' ? GTK_FILTER_MATCH_ALL : GTK_FILTER_MATCH_SOME;
}

static void
roster_search_filter_finalize (GObject *object)
{
  RosterSearchFilter *self = (RosterSearchFilter *) object;

  g_clear_pointer (&self->query, g_free);
  g_clear_pointer (&self->folded, g_free);

  G_OBJECT_CLASS (roster_search_filter_parent_class)->finalize (object);
}

static void
roster_search_filter_class_init (RosterSearchFilterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkFilterClass *filter_class = GTK_FILTER_CLASS (klass);

  object_class->finalize = roster_search_filter_finalize;

  filter_class->match = roster_search_filter_match;
  filter_class->get_strictness = roster_search_filter_get_strictness;
}

static void
roster_search_filter_init (RosterSearchFilter *self)
{
  self->query = g_strdup ("");
  self->folded = g_strdup ("");
}

RosterSearchFilter *
roster_search_filter_new (RosterSearchKeyFunc key_func)
{
  RosterSearchFilter *self;

  g_return_val_if_fail (key_func != NULL, NULL);

  self = g_object_new (ROSTER_TYPE_SEARCH_FILTER, NULL);
  self->key_func = key_func;

  return self;
}

/* Tells the filter models how the new query relates to the old one, so
 * that a longer query only rechecks the items that matched so far and a
 * shorter one only those that did not. */
static GtkFilterChange
classify_change (const char *old_folded,
                 const char *new_folded)
{
  if (strstr (new_folded, old_folded) != NULL)
    return GTK_FILTER_CHANGE_MORE_STRICT;

  if (strstr (old_folded, new_folded) != NULL)
    return GTK_FILTER_CHANGE_LESS_STRICT;

  return GTK_FILTER_CHANGE_DIFFERENT;
}

/**
 * roster_search_filter_set_query:
 * @query: (nullable): the text typed, %NULL or "" for no search
 *
 * Sets the text the items must contain, ignoring case and accents.
 */
void
roster_search_filter_set_query (RosterSearchFilter *self,
                                const char         *query)
{
  g_autofree char *folded = NULL;
  GtkFilterChange change;

  g_return_if_fail (ROSTER_IS_SEARCH_FILTER (self));

  if (query == NULL)
    query = "";

  g_free (self->query);
  self->query = g_strdup (query);

  /* Keys separate their fields with line breaks, which a pasted query
   * must not match. */
  folded = roster_search_fold (query);
  g_strdelimit (folded, "\r\n", ' ');
  if (g_strcmp0 (folded, self->folded) == 0)
    return;

  change = classify_change (self->folded, folded);
  g_free (self->folded);
  self->folded = g_steal_pointer (&folded);

  gtk_filter_changed (GTK_FILTER (self), change);
}

/**
 * roster_search_filter_get_query:
 *
 * Returns: (transfer none): the query as typed, "" for none
 */
const char *
roster_search_filter_get_query (RosterSearchFilter *self)
{
  g_return_val_if_fail (ROSTER_IS_SEARCH_FILTER (self), NULL);

  return self->query;
}

/* Returns whether the query leaves out any item at all. */
gboolean
roster_search_filter_is_active (RosterSearchFilter *self)
{
  g_return_val_if_fail (ROSTER_IS_SEARCH_FILTER (self), FALSE);

  return *self->folded != '\0';
}
