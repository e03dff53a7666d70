/* roster-outcome-row.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define ROSTER_TYPE_OUTCOME_ROW (roster_outcome_row_get_type ())

G_DECLARE_FINAL_TYPE (RosterOutcomeRow, roster_outcome_row, ROSTER, OUTCOME_ROW, GObject)

/* One line of the Details and History windows: a title (a member or a
 * request), a subtitle in plain text with the status and correlation ID,
 * and an icon for success or failure. Rows are data only, so a list of
 * thousands is cheap until GtkListView shows a screenful of them. */
RosterOutcomeRow *roster_outcome_row_new          (const char       *title,
                                                   const char       *subtitle,
                                                   gboolean          success);
const char       *roster_outcome_row_get_title    (RosterOutcomeRow *self);
const char       *roster_outcome_row_get_subtitle (RosterOutcomeRow *self);
gboolean          roster_outcome_row_get_success  (RosterOutcomeRow *self);

/* Creates a GtkListView over @rows (RosterOutcomeRow items) with an
 * accessible label, for a window to scroll. */
GtkWidget        *roster_outcome_row_new_list_view (GListModel      *rows,
                                                    const char      *accessible_label);

G_END_DECLS
