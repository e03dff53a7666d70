/* roster-client-restore.c: adding organization members and their roles
 * back with RosterClient, for Undo after a removal.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "roster-api-error.h"
#include "roster-client-private.h"
#include "roster-json-private.h"

static gboolean
ids_are_valid (const char * const *ids,
               guint               max_ids)
{
  guint n_ids = g_strv_length ((GStrv) ids);

  if (n_ids == 0 || (max_ids > 0 && n_ids > max_ids))
    return FALSE;

  for (guint i = 0; ids[i] != NULL; i++)
    {
      if (ids[i][0] == '\0')
        return FALSE;
    }

  return TRUE;
}

static void
on_write_sent (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;

  body = roster_write_scheduler_send_finish (ROSTER_WRITE_SCHEDULER (object), result, NULL, &error);
  if (body == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_boolean (task, TRUE);
}

/* Sends a POST through the write scheduler with a new correlation ID. */
static void
send_post (RosterClient *self,
           const char   *path,
           GBytes       *body,
           GTask        *task)
{
  g_autofree char *correlation_id = g_uuid_string_random ();

  roster_write_scheduler_send_async (roster_client_get_write_scheduler (self), self,
                                     SOUP_METHOD_POST, path, body, correlation_id,
                                     NULL, g_task_get_cancellable (task),
                                     on_write_sent, task);
}

/**
 * roster_client_add_members_async:
 * @user_ids: (array zero-terminated=1): 1 to
 *   %ROSTER_CLIENT_MAX_MEMBERS_PER_REQUEST user ids
 *
 * Sends one POST /api/v2/organizations/{id}/members through the write
 * scheduler. Other counts fail with ROSTER_API_ERROR_INVALID_ARGUMENT
 * without a request.
 */
void
roster_client_add_members_async (RosterClient        *self,
                                 const char          *organization_id,
                                 const char * const  *user_ids,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  GTask *task;
  g_autofree char *path = NULL;
  g_autoptr(GBytes) body = NULL;

  g_return_if_fail (ROSTER_IS_CLIENT (self));
  g_return_if_fail (organization_id != NULL);
  g_return_if_fail (user_ids != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, roster_client_add_members_async);
  g_task_set_check_cancellable (task, FALSE);

  if (organization_id[0] == '\0' || !ids_are_valid (user_ids, ROSTER_CLIENT_MAX_MEMBERS_PER_REQUEST))
    {
      g_task_return_new_error (task, ROSTER_API_ERROR, ROSTER_API_ERROR_INVALID_ARGUMENT,
                               _("One request adds 1 to %u members with non-empty IDs."),
                               ROSTER_CLIENT_MAX_MEMBERS_PER_REQUEST);
      g_object_unref (task);
      return;
    }

  path = roster_client_build_path ("organizations", organization_id, "members", NULL);
  body = roster_json_build_string_array_body ("members", user_ids);
  send_post (self, path, body, task);
}

gboolean
roster_client_add_members_finish (RosterClient  *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (ROSTER_IS_CLIENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * roster_client_assign_member_roles_async:
 * @role_ids: (array zero-terminated=1): one or more role ids
 *
 * Sends one POST /api/v2/organizations/{id}/members/{user_id}/roles
 * through the write scheduler.
 */
void
roster_client_assign_member_roles_async (RosterClient        *self,
                                         const char          *organization_id,
                                         const char          *user_id,
                                         const char * const  *role_ids,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  GTask *task;
  g_autofree char *path = NULL;
  g_autoptr(GBytes) body = NULL;

  g_return_if_fail (ROSTER_IS_CLIENT (self));
  g_return_if_fail (organization_id != NULL);
  g_return_if_fail (user_id != NULL);
  g_return_if_fail (role_ids != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, roster_client_assign_member_roles_async);
  g_task_set_check_cancellable (task, FALSE);

  if (organization_id[0] == '\0' || user_id[0] == '\0' || !ids_are_valid (role_ids, 0))
    {
      g_task_return_new_error (task, ROSTER_API_ERROR, ROSTER_API_ERROR_INVALID_ARGUMENT,
                               _("An organization ID, user ID or role ID is empty."));
      g_object_unref (task);
      return;
    }

  path = roster_client_build_path ("organizations", organization_id, "members", user_id, "roles", NULL);
  body = roster_json_build_string_array_body ("roles", role_ids);
  send_post (self, path, body, task);
}

gboolean
roster_client_assign_member_roles_finish (RosterClient  *self,
                                          GAsyncResult  *result,
                                          GError       **error)
{
  g_return_val_if_fail (ROSTER_IS_CLIENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
