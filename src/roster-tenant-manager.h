/* roster-tenant-manager.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "roster-api.h"
#include "roster-tenant-config.h"

G_BEGIN_DECLS

#define ROSTER_TENANT_MANAGER_ERROR (roster_tenant_manager_error_quark ())

typedef enum
{
  ROSTER_TENANT_MANAGER_ERROR_NOT_FOUND,      /* no tenant with that id */
  ROSTER_TENANT_MANAGER_ERROR_NO_SECRET,      /* the keyring has no secret for the tenant */
  ROSTER_TENANT_MANAGER_ERROR_TOKEN_EXPIRED,  /* the pasted token's "exp" has passed */
} RosterTenantManagerError;

#define ROSTER_TYPE_TENANT_MANAGER (roster_tenant_manager_get_type ())

G_DECLARE_FINAL_TYPE (RosterTenantManager, roster_tenant_manager, ROSTER, TENANT_MANAGER, GObject)

GQuark               roster_tenant_manager_error_quark     (void);

RosterTenantManager *roster_tenant_manager_new             (GSettings            *settings);

/* The saved tenants, then those used for this run only (RosterTenantConfig). */
GListModel          *roster_tenant_manager_get_tenants     (RosterTenantManager  *self);
RosterTenantConfig  *roster_tenant_manager_find            (RosterTenantManager  *self,
                                                            const char           *tenant_id);
gboolean             roster_tenant_manager_is_saved        (RosterTenantManager  *self,
                                                            const char           *tenant_id);

/* The tenant open now, or NULL. */
RosterTenantConfig  *roster_tenant_manager_get_current     (RosterTenantManager  *self);

/* The id of the tenant to open at start: the current one of the last run,
 * when it is still saved. Returns NULL otherwise. */
const char          *roster_tenant_manager_get_last_tenant_id (RosterTenantManager *self);

gint64               roster_tenant_manager_get_token_expiry (RosterTenantManager *self,
                                                            const char           *tenant_id);

RosterClient        *roster_tenant_manager_create_client   (RosterTenantConfig   *config,
                                                            const char           *secret,
                                                            GError              **error);

/* Adds a tenant for this run only, with a client already set up: the
 * environment's tenant, or one whose secret the keyring could not store.
 * @secret (nullable) is read only for a pasted token's expiry. Nothing of
 * it is written to GSettings or the keyring. It becomes the current tenant
 * when there is none. */
void                 roster_tenant_manager_add_unsaved     (RosterTenantManager  *self,
                                                            RosterTenantConfig   *config,
                                                            RosterClient         *client,
                                                            const char           *secret);

/* Stores @secret (nullable: keep the stored one) in the keyring, then adds
 * @config to the saved tenants, or replaces the saved tenant with the same
 * id. @client (nullable) is a client already set up with that secret, kept
 * so that its token is reused. Nothing is saved when the keyring fails. */
void                 roster_tenant_manager_save_async      (RosterTenantManager  *self,
                                                            RosterTenantConfig   *config,
                                                            const char           *secret,
                                                            RosterClient         *client,
                                                            GCancellable         *cancellable,
                                                            GAsyncReadyCallback   callback,
                                                            gpointer              user_data);
gboolean             roster_tenant_manager_save_finish     (RosterTenantManager  *self,
                                                            GAsyncResult         *result,
                                                            GError              **error);

/* Makes @tenant_id the current tenant and returns its client, reading its
 * secret from the keyring the first time. Saved tenants are remembered as
 * the one to open at the next start. */
void                 roster_tenant_manager_open_async      (RosterTenantManager  *self,
                                                            const char           *tenant_id,
                                                            GCancellable         *cancellable,
                                                            GAsyncReadyCallback   callback,
                                                            gpointer              user_data);
RosterClient        *roster_tenant_manager_open_finish     (RosterTenantManager  *self,
                                                            GAsyncResult         *result,
                                                            GError              **error);

/* Deletes the tenant's secret from the keyring, then removes the tenant.
 * The tenant stays when the keyring fails, so no secret is left behind
 * without a way to delete it. */
void                 roster_tenant_manager_remove_async    (RosterTenantManager  *self,
                                                            const char           *tenant_id,
                                                            GCancellable         *cancellable,
                                                            GAsyncReadyCallback   callback,
                                                            gpointer              user_data);
gboolean             roster_tenant_manager_remove_finish   (RosterTenantManager  *self,
                                                            GAsyncResult         *result,
                                                            GError              **error);

G_END_DECLS
