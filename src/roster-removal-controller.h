/* roster-removal-controller.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "roster-api.h"
#include "roster-members-view.h"
#include "roster-removal-history.h"
#include "roster-types.h"

G_BEGIN_DECLS

#define ROSTER_TYPE_REMOVAL_CONTROLLER (roster_removal_controller_get_type ())

G_DECLARE_FINAL_TYPE (RosterRemovalController, roster_removal_controller, ROSTER, REMOVAL_CONTROLLER, GObject)

RosterRemovalController *roster_removal_controller_new                 (GtkWindow               *window,
                                                                        RosterMembersView       *members_view,
                                                                        RosterRemovedMembers    *removed_members);
void                     roster_removal_controller_set_client          (RosterRemovalController *self,
                                                                        RosterClient            *client);
void                     roster_removal_controller_set_history         (RosterRemovalController *self,
                                                                        RosterRemovalHistory    *history);
GActionGroup            *roster_removal_controller_get_action_group    (RosterRemovalController *self);
GtkWidget               *roster_removal_controller_get_progress_widget (RosterRemovalController *self);
gboolean                 roster_removal_controller_is_busy             (RosterRemovalController *self);
gboolean                 roster_removal_controller_is_running          (RosterRemovalController *self);
void                     roster_removal_controller_ask                 (RosterRemovalController *self);
void                     roster_removal_controller_close_dialog        (RosterRemovalController *self);
void                     roster_removal_controller_shut_down           (RosterRemovalController *self);

/* Test accessors */
AdwMessageDialog        *roster_removal_controller_get_dialog          (RosterRemovalController *self);
GPtrArray               *roster_removal_controller_get_details         (RosterRemovalController *self);
GtkWindow               *roster_removal_controller_get_open_window     (RosterRemovalController *self);

G_END_DECLS
