/* roster-tenant-dialog.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "roster-tenant-manager.h"

G_BEGIN_DECLS

#define ROSTER_TYPE_TENANT_DIALOG (roster_tenant_dialog_get_type ())

G_DECLARE_FINAL_TYPE (RosterTenantDialog, roster_tenant_dialog, ROSTER, TENANT_DIALOG, AdwWindow)

/* @tenant (nullable): the saved tenant to edit, or NULL to add one. */
RosterTenantDialog *roster_tenant_dialog_new             (GtkWindow            *parent,
                                                          RosterTenantManager  *manager,
                                                          RosterTenantConfig   *tenant);

/* Presents the dialog. It finishes with the id of the tenant saved (or
 * kept for this run only), or with G_IO_ERROR_CANCELLED when it closes
 * without saving. */
void                roster_tenant_dialog_run_async       (RosterTenantDialog   *self,
                                                          GCancellable         *cancellable,
                                                          GAsyncReadyCallback   callback,
                                                          gpointer              user_data);
char               *roster_tenant_dialog_run_finish      (RosterTenantDialog   *self,
                                                          GAsyncResult         *result,
                                                          GError              **error);

/* Shows @message above the fields, such as why the stored token no longer
 * works. */
void                roster_tenant_dialog_show_message    (RosterTenantDialog   *self,
                                                          const char           *message);

/* Test accessors. Entry names: "domain", "label", "custom-domain",
 * "client-id", "client-secret", "token". */
GtkEditable        *roster_tenant_dialog_get_entry       (RosterTenantDialog   *self,
                                                          const char           *name);
void                roster_tenant_dialog_set_auth_method (RosterTenantDialog   *self,
                                                          RosterAuthMethod      method);
gboolean            roster_tenant_dialog_is_busy         (RosterTenantDialog   *self);
const char         *roster_tenant_dialog_get_error_text  (RosterTenantDialog   *self);
/* The state shown for @scope ("Granted", "Missing"), or NULL when the scopes
 * are not shown. */
const char         *roster_tenant_dialog_get_scope_state (RosterTenantDialog   *self,
                                                          const char           *scope);

G_END_DECLS
