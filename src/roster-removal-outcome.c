/* roster-removal-outcome.c: groups the requests of a batched removal by
 * outcome, so that the window reports each distinct outcome once with its
 * count instead of once per request.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "roster-error-text.h"
#include "roster-removal-outcome.h"

/* The requests that ended the same way. */
typedef struct
{
  guint   n_members;
  guint   status;
  GError *error;      /* owned, nullable: NULL for 204; for 429, the latest reset */
} Group;

struct _RosterRemovalOutcome
{
  GObject     parent_instance;

  char       *organization_name;  /* owned */
  GPtrArray  *groups;             /* owned: Group, in the order first seen */
  GHashTable *groups_by_key;      /* owned: key → unowned Group */
  GHashTable *failed_user_ids;    /* owned: set of user ids */
  guint       n_removed;
};

G_DEFINE_FINAL_TYPE (RosterRemovalOutcome, roster_removal_outcome, G_TYPE_OBJECT)

static void
group_free (Group *group)
{
  g_clear_error (&group->error);
  g_free (group);
}

void
roster_removal_message_free (RosterRemovalMessage *message)
{
  if (message == NULL)
    return;

  g_free (message->title);
  g_free (message->markup);
  g_free (message->text);
  g_free (message);
}

/* Requests land in one group when they would be explained the same way. All
 * 429s share one group, because only the reset time distinguishes them and
 * the latest reset is the one that matters. */
static char *
dup_group_key (const RosterRemovalBatch *batch)
{
  const GError *error = batch->error;

  if (error == NULL)
    return g_strdup ("removed");

  if (roster_api_error_get_status (error) == 429)
    return g_strdup ("429");

  return g_strdup_printf ("%s\x1f%d\x1f%u\x1f%s\x1f%s",
                          g_quark_to_string (error->domain), error->code,
                          batch->status,
                          roster_api_error_get_error_code (error) ?: "",
                          error->message);
}

static void
merge_error (Group        *group,
             const GError *error)
{
  if (group->error == NULL)
    {
      group->error = g_error_copy (error);
      return;
    }

  if (roster_api_error_get_rate_limit_reset (error) >
      roster_api_error_get_rate_limit_reset (group->error))
    {
      g_clear_error (&group->error);
      group->error = g_error_copy (error);
    }
}

static Group *
lookup_or_add_group (RosterRemovalOutcome     *self,
                     const RosterRemovalBatch *batch)
{
  g_autofree char *key = dup_group_key (batch);
  Group *group;

  group = g_hash_table_lookup (self->groups_by_key, key);
  if (group != NULL)
    return group;

  group = g_new0 (Group, 1);
  group->status = batch->status;
  g_ptr_array_add (self->groups, group);
  g_hash_table_insert (self->groups_by_key, g_steal_pointer (&key), group);

  return group;
}

static char *
format_removed (RosterRemovalOutcome *self,
                Group                *group)
{
  /* Translators: %u is a count, %s an organization's display name; 204 is
   * the HTTP status of a successful removal */
  return g_strdup_printf (ngettext ("Removed %u member from %s (204)",
                                    "Removed %u members from %s (204)",
                                    group->n_members),
                          group->n_members, self->organization_name);
}

/* The toast leaves the organization out, so that the reason fits. */
static char *
format_failed_title (Group     *group,
                     GDateTime *now)
{
  g_autofree char *summary = NULL;

  summary = roster_error_text_summarize (group->error, ROSTER_REMOVAL_SCOPE, now);

  /* Translators: %u is a count, %s the reason, such as
   * "missing scope delete:organization_members (403)" */
  return g_strdup_printf (ngettext ("Could not remove %u member: %s",
                                    "Could not remove %u members: %s",
                                    group->n_members),
                          group->n_members, summary);
}

static char *
format_failed_text (RosterRemovalOutcome *self,
                    Group                *group,
                    GDateTime            *now)
{
  g_autofree char *summary = NULL;
  g_autofree char *description = NULL;

  /* Translators: %u is a count, %s an organization's display name */
  summary = g_strdup_printf (ngettext ("Could not remove %u member from %s.",
                                       "Could not remove %u members from %s.",
                                       group->n_members),
                             group->n_members, self->organization_name);
  description = roster_error_text_describe (group->error, ROSTER_REMOVAL_SCOPE, now);

  /* Translators: the first %s is "Could not remove 3 members from Acme.",
   * the second gives the reason and what to do */
  return g_strdup_printf (_("%s %s"), summary, description);
}

static RosterRemovalMessage *
build_message (RosterRemovalOutcome *self,
               Group                *group,
               GDateTime            *now)
{
  RosterRemovalMessage *message = g_new0 (RosterRemovalMessage, 1);

  message->removed = group->error == NULL;
  message->status = group->status;
  message->n_members = group->n_members;

  if (message->removed)
    {
      message->title = format_removed (self, group);
      message->text = g_strdup (message->title);
    }
  else
    {
      message->title = format_failed_title (group, now);
      message->text = format_failed_text (self, group, now);
    }

  message->markup = g_markup_escape_text (message->title, -1);

  return message;
}

static void
roster_removal_outcome_finalize (GObject *object)
{
  RosterRemovalOutcome *self = (RosterRemovalOutcome *) object;

  g_clear_pointer (&self->organization_name, g_free);
  g_clear_pointer (&self->groups_by_key, g_hash_table_unref);
  g_clear_pointer (&self->groups, g_ptr_array_unref);
  g_clear_pointer (&self->failed_user_ids, g_hash_table_unref);

  G_OBJECT_CLASS (roster_removal_outcome_parent_class)->finalize (object);
}

static void
roster_removal_outcome_class_init (RosterRemovalOutcomeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = roster_removal_outcome_finalize;
}

static void
roster_removal_outcome_init (RosterRemovalOutcome *self)
{
  self->groups = g_ptr_array_new_with_free_func ((GDestroyNotify) group_free);
  self->groups_by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->failed_user_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/**
 * roster_removal_outcome_new:
 * @organization_name: the display name the messages use, not markup
 */
RosterRemovalOutcome *
roster_removal_outcome_new (const char *organization_name)
{
  RosterRemovalOutcome *self;

  g_return_val_if_fail (organization_name != NULL, NULL);

  self = g_object_new (ROSTER_TYPE_REMOVAL_OUTCOME, NULL);
  self->organization_name = g_strdup (organization_name);

  return self;
}

/**
 * roster_removal_outcome_add_batch:
 *
 * Counts the members of one request under the group of its outcome.
 */
void
roster_removal_outcome_add_batch (RosterRemovalOutcome     *self,
                                  const RosterRemovalBatch *batch)
{
  Group *group;
  guint n_members;

  g_return_if_fail (ROSTER_IS_REMOVAL_OUTCOME (self));
  g_return_if_fail (batch != NULL);
  g_return_if_fail (batch->user_ids != NULL);

  n_members = g_strv_length (batch->user_ids);
  group = lookup_or_add_group (self, batch);
  group->n_members += n_members;

  if (batch->error == NULL)
    {
      self->n_removed += n_members;
      return;
    }

  merge_error (group, batch->error);

  for (guint i = 0; batch->user_ids[i] != NULL; i++)
    g_hash_table_add (self->failed_user_ids, g_strdup (batch->user_ids[i]));
}

guint
roster_removal_outcome_get_n_removed (RosterRemovalOutcome *self)
{
  g_return_val_if_fail (ROSTER_IS_REMOVAL_OUTCOME (self), 0);

  return self->n_removed;
}

guint
roster_removal_outcome_get_n_failed (RosterRemovalOutcome *self)
{
  g_return_val_if_fail (ROSTER_IS_REMOVAL_OUTCOME (self), 0);

  return g_hash_table_size (self->failed_user_ids);
}

/**
 * roster_removal_outcome_get_failed_user_ids:
 *
 * Returns: (transfer none): the set of user ids whose request failed
 */
GHashTable *
roster_removal_outcome_get_failed_user_ids (RosterRemovalOutcome *self)
{
  g_return_val_if_fail (ROSTER_IS_REMOVAL_OUTCOME (self), NULL);

  return self->failed_user_ids;
}

/**
 * roster_removal_outcome_build_messages:
 * @now: the current time, to say when a rate limit resets
 *
 * Builds one message per distinct outcome, in the order the outcomes first
 * occurred.
 *
 * Returns: (transfer container) (element-type RosterRemovalMessage): the messages
 */
GPtrArray *
roster_removal_outcome_build_messages (RosterRemovalOutcome *self,
                                       GDateTime            *now)
{
  GPtrArray *messages;

  g_return_val_if_fail (ROSTER_IS_REMOVAL_OUTCOME (self), NULL);
  g_return_val_if_fail (now != NULL, NULL);

  messages = g_ptr_array_new_with_free_func ((GDestroyNotify) roster_removal_message_free);
  for (guint i = 0; i < self->groups->len; i++)
    g_ptr_array_add (messages, build_message (self, g_ptr_array_index (self->groups, i), now));

  return messages;
}
