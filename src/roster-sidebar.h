/* roster-sidebar.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "roster-api.h"
#include "roster-types.h"

G_BEGIN_DECLS

#define ROSTER_TYPE_SIDEBAR (roster_sidebar_get_type ())

G_DECLARE_FINAL_TYPE (RosterSidebar, roster_sidebar, ROSTER, SIDEBAR, GtkWidget)

void                roster_sidebar_set_client                (RosterSidebar *self,
                                                              RosterClient  *client);
void                roster_sidebar_reload                    (RosterSidebar *self);
GListModel         *roster_sidebar_get_organizations         (RosterSidebar *self);
RosterOrganization *roster_sidebar_get_selected_organization (RosterSidebar *self);
gboolean            roster_sidebar_select_organization       (RosterSidebar *self,
                                                              const char    *organization_id);
gboolean            roster_sidebar_is_loading                (RosterSidebar *self);
const GError       *roster_sidebar_get_error                 (RosterSidebar *self);
void                roster_sidebar_set_search_text           (RosterSidebar *self,
                                                              const char    *text);
GListModel         *roster_sidebar_get_matching_organizations (RosterSidebar *self);

G_END_DECLS
