/* roster-secret-store.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* What a stored secret is: a machine-to-machine application's client
 * secret, or a pasted Management API token. */
typedef enum
{
  ROSTER_SECRET_KIND_CLIENT_SECRET,
  ROSTER_SECRET_KIND_API_TOKEN,
} RosterSecretKind;

/* Secrets live in the keyring through libsecret, under the schema
 * "io.github.roster_app.Roster.Tenant" with the attributes "tenant" (the
 * tenant's id in Roster's settings) and "kind". Inside the Flatpak,
 * libsecret reaches the Secret portal by itself. Nothing here writes a
 * secret anywhere else. Errors from the keyring (no Secret Service, locked,
 * refused) are returned as they are; the caller tells the user. */
void      roster_secret_store_save_async    (const char           *tenant_id,
                                             RosterSecretKind      kind,
                                             const char           *tenant_label,
                                             const char           *secret,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
gboolean  roster_secret_store_save_finish   (GAsyncResult         *result,
                                             GError              **error);

/* Finishes with the secret, or NULL and no error when none is stored. Free
 * the secret with roster_secret_store_free_secret(), which clears it. */
void      roster_secret_store_lookup_async  (const char           *tenant_id,
                                             RosterSecretKind      kind,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
char     *roster_secret_store_lookup_finish (GAsyncResult         *result,
                                             GError              **error);

/* Deletes every secret of the tenant, of both kinds. Finishes TRUE also
 * when there was nothing to delete. */
void      roster_secret_store_delete_async  (const char           *tenant_id,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
gboolean  roster_secret_store_delete_finish (GAsyncResult         *result,
                                             GError              **error);

void      roster_secret_store_free_secret   (char                 *secret);

G_END_DECLS
