/* roster-removal-undo.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "roster-api.h"

G_BEGIN_DECLS

#define ROSTER_TYPE_REMOVAL_UNDO (roster_removal_undo_get_type ())

G_DECLARE_FINAL_TYPE (RosterRemovalUndo, roster_removal_undo, ROSTER, REMOVAL_UNDO, GObject)

RosterRemovalUndo *roster_removal_undo_new              (RosterClient        *client,
                                                         const char          *organization_id);
const char        *roster_removal_undo_get_organization_id (RosterRemovalUndo *self);
void               roster_removal_undo_read_roles_async (RosterRemovalUndo   *self,
                                                         const char * const  *user_ids,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
void               roster_removal_undo_read_roles_finish (RosterRemovalUndo  *self,
                                                          GAsyncResult       *result);
void               roster_removal_undo_set_roles        (RosterRemovalUndo   *self,
                                                         const char          *user_id,
                                                         const char * const  *role_ids);
void               roster_removal_undo_add_removed      (RosterRemovalUndo   *self,
                                                         const char * const  *user_ids);
guint              roster_removal_undo_get_n_removed    (RosterRemovalUndo   *self);
GStrv              roster_removal_undo_dup_removed      (RosterRemovalUndo   *self);
void               roster_removal_undo_run_async        (RosterRemovalUndo   *self,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
GStrv              roster_removal_undo_run_finish       (RosterRemovalUndo   *self,
                                                         GAsyncResult        *result,
                                                         GError             **error);

G_END_DECLS
