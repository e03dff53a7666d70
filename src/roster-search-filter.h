/* roster-search-filter.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Returns the folded search key of @item (see roster-search-key.h). */
typedef const char * (*RosterSearchKeyFunc) (gpointer item);

#define ROSTER_TYPE_SEARCH_FILTER (roster_search_filter_get_type ())

G_DECLARE_FINAL_TYPE (RosterSearchFilter, roster_search_filter, ROSTER, SEARCH_FILTER, GtkFilter)

RosterSearchFilter *roster_search_filter_new       (RosterSearchKeyFunc  key_func);
void                roster_search_filter_set_query (RosterSearchFilter  *self,
                                                    const char          *query);
const char         *roster_search_filter_get_query (RosterSearchFilter  *self);
gboolean            roster_search_filter_is_active (RosterSearchFilter  *self);

G_END_DECLS
