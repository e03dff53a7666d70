/* roster-remove-dialog.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "roster-types.h"

G_BEGIN_DECLS

/* Response ids. */
#define ROSTER_REMOVE_DIALOG_RESPONSE_CANCEL "cancel"
#define ROSTER_REMOVE_DIALOG_RESPONSE_REMOVE "remove"

#define ROSTER_TYPE_REMOVE_DIALOG (roster_remove_dialog_get_type ())

G_DECLARE_FINAL_TYPE (RosterRemoveDialog, roster_remove_dialog, ROSTER, REMOVE_DIALOG, AdwMessageDialog)

RosterRemoveDialog *roster_remove_dialog_new            (GtkWindow           *parent,
                                                         const char          *organization_name,
                                                         GPtrArray           *members);
void                roster_remove_dialog_set_n_hidden   (RosterRemoveDialog  *self,
                                                         guint                n_hidden);
void                roster_remove_dialog_choose_async   (RosterRemoveDialog  *self,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
gboolean            roster_remove_dialog_choose_finish  (RosterRemoveDialog  *self,
                                                         GAsyncResult        *result,
                                                         GError             **error);

G_END_DECLS
