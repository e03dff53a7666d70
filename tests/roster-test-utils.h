/* roster-test-utils.h: helpers that the window tests share, for waiting on
 * the main context, finding widgets and reading a window's members.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "roster-window.h"

G_BEGIN_DECLS

/* Timeout of roster_test_wait_until(), in seconds. */
#define ROSTER_TEST_TIMEOUT_SECONDS 10

typedef gboolean (*RosterTestCondition)   (gpointer       data);
typedef gboolean (*RosterTestWidgetMatch) (GtkWidget     *widget,
                                           gconstpointer  data);

void       roster_test_wait_until_for        (RosterTestCondition    condition,
                                              gpointer               data,
                                              guint                  seconds,
                                              const char            *what);
void       roster_test_wait_until            (RosterTestCondition    condition,
                                              gpointer               data,
                                              const char            *what);

gboolean   roster_test_window_is_idle        (gpointer               data);
gboolean   roster_test_widget_is_mapped      (gpointer               data);
gboolean   roster_test_pointer_is_null       (gpointer               data);
gboolean   roster_test_dialog_is_mapped      (gpointer               data);
gboolean   roster_test_dialog_is_gone        (gpointer               data);

GtkWidget *roster_test_find_widget           (GtkWidget             *root,
                                              RosterTestWidgetMatch  match,
                                              gconstpointer          data);
gboolean   roster_test_is_mapped_button      (GtkWidget             *widget,
                                              gconstpointer          label);
gboolean   roster_test_is_mapped_status_page (GtkWidget             *widget,
                                              gconstpointer          title);
gboolean   roster_test_is_window_title       (GtkWidget             *widget,
                                              gconstpointer          title);
gboolean   roster_test_is_column_view        (GtkWidget             *widget,
                                              gconstpointer          data);

guint      roster_test_count_members         (RosterWindow          *window);
guint      roster_test_count_selected        (RosterWindow          *window);
GStrv      roster_test_select_first_members  (RosterWindow          *window,
                                              guint                  n_members);
gboolean   roster_test_lists_member          (RosterWindow          *window,
                                              const char            *user_id);

G_END_DECLS
