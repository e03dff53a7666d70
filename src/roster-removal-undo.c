/* roster-removal-undo.c: Undo of a removal. Auth0 has no undo, so Undo
 * adds the removed members back and assigns them again the organization
 * roles they had, which must be read before the removal. GTK-free.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "roster-removal-undo.h"

struct _RosterRemovalUndo
{
  GObject       parent_instance;

  RosterClient *client;           /* owned */
  char         *organization_id;  /* owned */
  GHashTable   *roles;            /* owned: user id → GStrv of role ids, for members whose roles were read */
  GPtrArray    *removed;          /* owned: user ids that got a 204 */
};

typedef struct
{
  GStrv       user_ids;     /* owned */
  guint       next_index;
  GPtrArray  *restored;     /* owned: user ids added back */
  GError     *first_error;  /* owned, nullable */
} StepData;

G_DEFINE_FINAL_TYPE (RosterRemovalUndo, roster_removal_undo, G_TYPE_OBJECT)

static void
step_data_free (gpointer pointer)
{
  StepData *data = pointer;

  g_clear_pointer (&data->user_ids, g_strfreev);
  g_clear_pointer (&data->restored, g_ptr_array_unref);
  g_clear_error (&data->first_error);
  g_free (data);
}

static GTask *
new_step_task (RosterRemovalUndo   *self,
               GStrv                user_ids,
               GCancellable        *cancellable,
               GAsyncReadyCallback  callback,
               gpointer             user_data,
               gpointer             source_tag)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  StepData *data = g_new0 (StepData, 1);

  g_task_set_source_tag (task, source_tag);
  data->user_ids = user_ids;
  data->restored = g_ptr_array_new_with_free_func (g_free);
  g_task_set_task_data (task, data, step_data_free);

  return task;
}

static void
keep_first_error (StepData *data,
                  GError   *error)
{
  if (data->first_error == NULL)
    data->first_error = error;
  else
    g_error_free (error);
}

/* ---- Reading roles before the removal ---------------------------------- */

static void read_next_roles (RosterRemovalUndo *self,
                             GTask             *task);

static GStrv
collect_role_ids (GPtrArray *roles)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < roles->len; i++)
    {
      JsonObject *role = g_ptr_array_index (roles, i);

      if (json_object_has_member (role, "id"))
        g_strv_builder_add (builder, json_object_get_string_member (role, "id"));
    }

  return g_strv_builder_end (builder);
}

static void
on_roles_read (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RosterRemovalUndo *self = g_task_get_source_object (task);
  StepData *data = g_task_get_task_data (task);
  const char *user_id = data->user_ids[data->next_index];
  g_autoptr(GPtrArray) roles = NULL;
  g_autoptr(GError) error = NULL;

  roles = roster_client_list_member_roles_finish (ROSTER_CLIENT (object), result, &error);
  if (roles != NULL)
    g_hash_table_replace (self->roles, g_strdup (user_id), collect_role_ids (roles));
  else
    g_debug ("Could not read the roles of %s, so Undo cannot restore them: %s", user_id, error->message);

  data->next_index++;
  read_next_roles (self, g_steal_pointer (&task));
}

/* @task is owned. */
static void
read_next_roles (RosterRemovalUndo *self,
                 GTask             *task)
{
  StepData *data = g_task_get_task_data (task);

  if (data->user_ids[data->next_index] == NULL || g_task_return_error_if_cancelled (task))
    {
      if (!g_task_had_error (task))
        g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }

  roster_client_list_member_roles_async (self->client, self->organization_id,
                                         data->user_ids[data->next_index],
                                         g_task_get_cancellable (task), on_roles_read, task);
}

/* ---- Undo --------------------------------------------------------------- */

static void assign_next_roles (RosterRemovalUndo *self,
                               GTask             *task);
static void add_next_chunk    (RosterRemovalUndo *self,
                               GTask             *task);

static void
on_roles_assigned (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RosterRemovalUndo *self = g_task_get_source_object (task);
  StepData *data = g_task_get_task_data (task);
  GError *error = NULL;

  if (!roster_client_assign_member_roles_finish (ROSTER_CLIENT (object), result, &error))
    keep_first_error (data, error);

  data->next_index++;
  assign_next_roles (self, g_steal_pointer (&task));
}

/* Assigns the roles of each restored member, from data->next_index of the
 * restored list. @task is owned. */
static void
assign_next_roles (RosterRemovalUndo *self,
                   GTask             *task)
{
  StepData *data = g_task_get_task_data (task);

  while (data->next_index < data->restored->len)
    {
      const char *user_id = g_ptr_array_index (data->restored, data->next_index);
      GStrv role_ids = g_hash_table_lookup (self->roles, user_id);

      if (role_ids != NULL && role_ids[0] != NULL)
        {
          roster_client_assign_member_roles_async (self->client, self->organization_id, user_id,
                                                   (const char * const *) role_ids,
                                                   g_task_get_cancellable (task),
                                                   on_roles_assigned, task);
          return;
        }

      data->next_index++;
    }

  g_task_return_boolean (task, TRUE);
  g_object_unref (task);
}

static guint
chunk_end (StepData *data)
{
  guint n_user_ids = g_strv_length (data->user_ids);

  return MIN (data->next_index + ROSTER_CLIENT_MAX_MEMBERS_PER_REQUEST, n_user_ids);
}

static void
on_members_added (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RosterRemovalUndo *self = g_task_get_source_object (task);
  StepData *data = g_task_get_task_data (task);
  guint end = chunk_end (data);
  GError *error = NULL;

  if (roster_client_add_members_finish (ROSTER_CLIENT (object), result, &error))
    {
      for (guint i = data->next_index; i < end; i++)
        g_ptr_array_add (data->restored, g_strdup (data->user_ids[i]));
    }
  else
    {
      keep_first_error (data, error);
    }

  data->next_index = end;
  add_next_chunk (self, g_steal_pointer (&task));
}

/* Adds the members from data->next_index back, ten per request, then
 * assigns their roles. @task is owned. */
static void
add_next_chunk (RosterRemovalUndo *self,
                GTask             *task)
{
  StepData *data = g_task_get_task_data (task);
  g_autofree const char **chunk = NULL;
  guint end = chunk_end (data);

  if (data->next_index >= end)
    {
      data->next_index = 0;
      assign_next_roles (self, task);
      return;
    }

  chunk = g_new0 (const char *, end - data->next_index + 1);
  for (guint i = data->next_index; i < end; i++)
    chunk[i - data->next_index] = data->user_ids[i];

  roster_client_add_members_async (self->client, self->organization_id, chunk,
                                   g_task_get_cancellable (task), on_members_added, task);
}

static void
roster_removal_undo_finalize (GObject *object)
{
  RosterRemovalUndo *self = (RosterRemovalUndo *) object;

  g_clear_object (&self->client);
  g_clear_pointer (&self->organization_id, g_free);
  g_clear_pointer (&self->roles, g_hash_table_unref);
  g_clear_pointer (&self->removed, g_ptr_array_unref);

  G_OBJECT_CLASS (roster_removal_undo_parent_class)->finalize (object);
}

static void
roster_removal_undo_class_init (RosterRemovalUndoClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = roster_removal_undo_finalize;
}

static void
roster_removal_undo_init (RosterRemovalUndo *self)
{
  self->roles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_strfreev);
  self->removed = g_ptr_array_new_with_free_func (g_free);
}

RosterRemovalUndo *
roster_removal_undo_new (RosterClient *client,
                         const char   *organization_id)
{
  RosterRemovalUndo *self;

  g_return_val_if_fail (ROSTER_IS_CLIENT (client), NULL);
  g_return_val_if_fail (organization_id != NULL, NULL);

  self = g_object_new (ROSTER_TYPE_REMOVAL_UNDO, NULL);
  self->client = g_object_ref (client);
  self->organization_id = g_strdup (organization_id);

  return self;
}

const char *
roster_removal_undo_get_organization_id (RosterRemovalUndo *self)
{
  g_return_val_if_fail (ROSTER_IS_REMOVAL_UNDO (self), NULL);

  return self->organization_id;
}

/**
 * roster_removal_undo_read_roles_async:
 *
 * Reads the roles assigned directly to each member, one request after
 * another. A member whose roles cannot be read is added back without
 * roles by Undo.
 */
void
roster_removal_undo_read_roles_async (RosterRemovalUndo   *self,
                                      const char * const  *user_ids,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (ROSTER_IS_REMOVAL_UNDO (self));
  g_return_if_fail (user_ids != NULL);

  task = new_step_task (self, g_strdupv ((GStrv) user_ids), cancellable, callback, user_data,
                        roster_removal_undo_read_roles_async);
  read_next_roles (self, task);
}

void
roster_removal_undo_read_roles_finish (RosterRemovalUndo *self,
                                       GAsyncResult      *result)
{
  g_return_if_fail (ROSTER_IS_REMOVAL_UNDO (self));
  g_return_if_fail (g_task_is_valid (result, self));

  g_task_propagate_boolean (G_TASK (result), NULL);
}

/* Sets the roles of a member from a member list that included them, so
 * that they need no request of their own. Empty ids are left out. */
void
roster_removal_undo_set_roles (RosterRemovalUndo  *self,
                               const char         *user_id,
                               const char * const *role_ids)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_if_fail (ROSTER_IS_REMOVAL_UNDO (self));
  g_return_if_fail (user_id != NULL);
  g_return_if_fail (role_ids != NULL);

  for (guint i = 0; role_ids[i] != NULL; i++)
    {
      if (role_ids[i][0] != '\0')
        g_strv_builder_add (builder, role_ids[i]);
    }

  g_hash_table_replace (self->roles, g_strdup (user_id), g_strv_builder_end (builder));
}

/* Adds members that a removal removed, so Undo adds them back. */
void
roster_removal_undo_add_removed (RosterRemovalUndo  *self,
                                 const char * const *user_ids)
{
  g_return_if_fail (ROSTER_IS_REMOVAL_UNDO (self));
  g_return_if_fail (user_ids != NULL);

  for (guint i = 0; user_ids[i] != NULL; i++)
    g_ptr_array_add (self->removed, g_strdup (user_ids[i]));
}

guint
roster_removal_undo_get_n_removed (RosterRemovalUndo *self)
{
  g_return_val_if_fail (ROSTER_IS_REMOVAL_UNDO (self), 0);

  return self->removed->len;
}

/* Returns the user ids removed, in the order they were. */
GStrv
roster_removal_undo_dup_removed (RosterRemovalUndo *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (ROSTER_IS_REMOVAL_UNDO (self), NULL);

  for (guint i = 0; i < self->removed->len; i++)
    g_strv_builder_add (builder, g_ptr_array_index (self->removed, i));

  return g_strv_builder_end (builder);
}

/**
 * roster_removal_undo_run_async:
 *
 * Adds the removed members back, ten per request, then assigns each the
 * roles read before the removal. A failed request does not stop the ones
 * after it.
 */
void
roster_removal_undo_run_async (RosterRemovalUndo   *self,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (ROSTER_IS_REMOVAL_UNDO (self));

  task = new_step_task (self, roster_removal_undo_dup_removed (self), cancellable, callback,
                        user_data, roster_removal_undo_run_async);
  add_next_chunk (self, task);
}

/**
 * roster_removal_undo_run_finish:
 * @error: the first request that failed, if any
 *
 * Unlike most finish functions, this returns the members added back also
 * when @error is set, because a failed request does not undo the others.
 *
 * Returns: (transfer full): the user ids added back
 */
GStrv
roster_removal_undo_run_finish (RosterRemovalUndo  *self,
                                GAsyncResult       *result,
                                GError            **error)
{
  StepData *data;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (ROSTER_IS_REMOVAL_UNDO (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  g_task_propagate_boolean (G_TASK (result), NULL);
  data = g_task_get_task_data (G_TASK (result));

  for (guint i = 0; i < data->restored->len; i++)
    g_strv_builder_add (builder, g_ptr_array_index (data->restored, i));

  if (data->first_error != NULL)
    g_propagate_error (error, g_error_copy (data->first_error));

  return g_strv_builder_end (builder);
}
