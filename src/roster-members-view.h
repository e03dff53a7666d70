/* roster-members-view.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "roster-api.h"
#include "roster-types.h"

G_BEGIN_DECLS

#define ROSTER_TYPE_MEMBERS_VIEW (roster_members_view_get_type ())

G_DECLARE_FINAL_TYPE (RosterMembersView, roster_members_view, ROSTER, MEMBERS_VIEW, GtkWidget)

void                roster_members_view_set_client           (RosterMembersView    *self,
                                                              RosterClient         *client);
void                roster_members_view_set_removed_members  (RosterMembersView    *self,
                                                              RosterRemovedMembers *removed_members);
void                roster_members_view_load                 (RosterMembersView    *self,
                                                              RosterOrganization   *organization);
void                roster_members_view_reload               (RosterMembersView    *self);
RosterOrganization *roster_members_view_get_organization     (RosterMembersView    *self);
GListModel         *roster_members_view_get_members          (RosterMembersView    *self);
GtkSelectionModel  *roster_members_view_get_selection_model  (RosterMembersView    *self);
gboolean            roster_members_view_is_loading           (RosterMembersView    *self);
const GError       *roster_members_view_get_error            (RosterMembersView    *self);
GPtrArray          *roster_members_view_dup_selected_members (RosterMembersView    *self);
void                roster_members_view_remove_members       (RosterMembersView    *self,
                                                              const char           *organization_id,
                                                              const char * const   *user_ids);
void                roster_members_view_select_members       (RosterMembersView    *self,
                                                              const char           *organization_id,
                                                              GHashTable           *user_ids);
guint               roster_members_view_get_n_selected       (RosterMembersView    *self);
guint               roster_members_view_get_n_hidden_selected (RosterMembersView   *self);
GListModel         *roster_members_view_get_matching_members (RosterMembersView    *self);
gboolean            roster_members_view_is_filtering         (RosterMembersView    *self);
void                roster_members_view_set_search_text      (RosterMembersView    *self,
                                                              const char           *text);
GActionGroup       *roster_members_view_get_action_group     (RosterMembersView    *self);
char               *roster_members_view_dup_count_text       (RosterMembersView    *self);
char               *roster_members_view_dup_selected_user_ids (RosterMembersView   *self);
GPtrArray          *roster_members_view_dup_export_members   (RosterMembersView    *self);
void                roster_members_view_export_async         (RosterMembersView    *self,
                                                              GFile                *file,
                                                              GAsyncReadyCallback   callback,
                                                              gpointer              user_data);
gboolean            roster_members_view_export_finish        (RosterMembersView    *self,
                                                              GAsyncResult         *result,
                                                              GError              **error);

G_END_DECLS
