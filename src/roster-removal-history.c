/* roster-removal-history.c: a local record of every removal request, in
 * the user's state directory, kept across restarts.
 *
 * The file has one JSON object per line. A "sent" line is appended before
 * a request can reach Auth0 and an "answered" line with the same
 * correlation ID after its outcome is known. So after a crash, a "sent"
 * line without an answer marks a request whose outcome is unconfirmed:
 * Auth0 may or may not have removed those members.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "roster-removal-history.h"

struct _RosterRemovalHistory
{
  GObject     parent_instance;

  char       *path;       /* owned */
  GHashTable *in_flight;  /* owned: correlation ids sent by this process and not yet answered */
};

G_DEFINE_FINAL_TYPE (RosterRemovalHistory, roster_removal_history, G_TYPE_OBJECT)

void
roster_history_record_free (RosterHistoryRecord *record)
{
  if (record == NULL)
    return;

  g_clear_pointer (&record->sent_at, g_date_time_unref);
  g_free (record->tenant);
  g_free (record->organization_id);
  g_free (record->organization_name);
  g_strfreev (record->user_ids);
  g_free (record->correlation_id);
  g_free (record->message);
  g_free (record);
}

/* TODO: the file only grows. Keep a bounded number of records, or let the
 * user clear the history. */

/* Appends @object as one line. The line goes out in one write, so a crash
 * leaves whole lines behind, or at worst one cut-off last line, which
 * loading skips. */
static gboolean
append_line (RosterRemovalHistory  *self,
             JsonObject            *object,
             GError               **error)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(GFile) file = g_file_new_for_path (self->path);
  g_autoptr(GFile) directory = g_file_get_parent (file);
  g_autoptr(GFileOutputStream) stream = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *line = NULL;

  json_node_set_object (root, object);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);
  line = g_strconcat (text, "\n", NULL);

  if (!g_file_make_directory_with_parents (directory, NULL, &local_error) &&
      !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  stream = g_file_append_to (file, G_FILE_CREATE_PRIVATE, NULL, error);
  if (stream == NULL)
    return FALSE;

  return g_output_stream_write_all (G_OUTPUT_STREAM (stream), line, strlen (line), NULL, NULL, error) &&
         g_output_stream_close (G_OUTPUT_STREAM (stream), NULL, error);
}

static char *
format_now (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format_iso8601 (now);
}

static GStrv
read_string_array (JsonObject *object,
                   const char *name)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonNode *node = json_object_get_member (object, name);
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_VALUE (element) && json_node_get_value_type (element) == G_TYPE_STRING)
        g_strv_builder_add (builder, json_node_get_string (element));
    }

  return g_strv_builder_end (builder);
}

static const char *
read_string (JsonObject *object,
             const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

static RosterHistoryRecord *
parse_sent (JsonObject *object)
{
  g_autoptr(RosterHistoryRecord) record = g_new0 (RosterHistoryRecord, 1);
  const char *time = read_string (object, "time");

  record->sent_at = time != NULL ? g_date_time_new_from_iso8601 (time, NULL) : NULL;
  record->tenant = g_strdup (read_string (object, "tenant"));
  record->organization_id = g_strdup (read_string (object, "organization_id"));
  record->organization_name = g_strdup (read_string (object, "organization_name"));
  record->correlation_id = g_strdup (read_string (object, "correlation_id"));
  record->user_ids = read_string_array (object, "members");

  if (record->sent_at == NULL || record->tenant == NULL || record->organization_id == NULL ||
      record->correlation_id == NULL || record->user_ids == NULL)
    return NULL;

  if (record->organization_name == NULL)
    record->organization_name = g_strdup (record->organization_id);

  return g_steal_pointer (&record);
}

static void
apply_answered (GHashTable *by_correlation_id,
                JsonObject *object)
{
  const char *correlation_id = read_string (object, "correlation_id");
  RosterHistoryRecord *record;

  if (correlation_id == NULL)
    return;

  record = g_hash_table_lookup (by_correlation_id, correlation_id);
  if (record == NULL)
    return;

  record->answered = TRUE;
  record->status = (guint) CLAMP (json_object_get_int_member_with_default (object, "status", 0), 0, 999);
  g_clear_pointer (&record->message, g_free);
  record->message = g_strdup (read_string (object, "message"));
}

/* Adds the record or outcome of one line. Lines that do not parse, such as
 * a last line cut off by a crash, are skipped. */
static void
parse_line (const char *line,
            GPtrArray  *records,
            GHashTable *by_correlation_id)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *object;
  const char *event;

  if (line[0] == '\0' || !json_parser_load_from_data (parser, line, -1, NULL))
    return;

  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return;

  object = json_node_get_object (json_parser_get_root (parser));
  event = read_string (object, "event");

  if (g_strcmp0 (event, "sent") == 0)
    {
      RosterHistoryRecord *record = parse_sent (object);

      if (record == NULL)
        return;

      g_ptr_array_add (records, record);
      g_hash_table_replace (by_correlation_id, record->correlation_id, record);
    }
  else if (g_strcmp0 (event, "answered") == 0)
    {
      apply_answered (by_correlation_id, object);
    }
}

static void
roster_removal_history_finalize (GObject *object)
{
  RosterRemovalHistory *self = (RosterRemovalHistory *) object;

  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->in_flight, g_hash_table_unref);

  G_OBJECT_CLASS (roster_removal_history_parent_class)->finalize (object);
}

static void
roster_removal_history_class_init (RosterRemovalHistoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = roster_removal_history_finalize;
}

static void
roster_removal_history_init (RosterRemovalHistory *self)
{
  self->in_flight = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/* Returns $XDG_STATE_HOME/roster/removal-history.jsonl, or its default
 * ~/.local/state/roster/removal-history.jsonl. */
char *
roster_removal_history_dup_default_path (void)
{
  return g_build_filename (g_get_user_state_dir (), "roster", "removal-history.jsonl", NULL);
}

/**
 * roster_removal_history_new:
 * @path: (nullable): the history file, or %NULL for the default path
 */
RosterRemovalHistory *
roster_removal_history_new (const char *path)
{
  RosterRemovalHistory *self = g_object_new (ROSTER_TYPE_REMOVAL_HISTORY, NULL);

  self->path = path != NULL ? g_strdup (path) : roster_removal_history_dup_default_path ();

  return self;
}

const char *
roster_removal_history_get_path (RosterRemovalHistory *self)
{
  g_return_val_if_fail (ROSTER_IS_REMOVAL_HISTORY (self), NULL);

  return self->path;
}

/**
 * roster_removal_history_record_sent:
 * @tenant: the tenant's base URI
 * @correlation_id: the X-Correlation-ID the request will carry
 *
 * Appends a request before it is sent.
 *
 * Returns: whether the line was written
 */
gboolean
roster_removal_history_record_sent (RosterRemovalHistory  *self,
                                    const char            *tenant,
                                    const char            *organization_id,
                                    const char            *organization_name,
                                    const char * const    *user_ids,
                                    const char            *correlation_id,
                                    GError               **error)
{
  g_autoptr(JsonObject) object = json_object_new ();
  g_autofree char *time = format_now ();
  JsonArray *members = json_array_new ();

  g_return_val_if_fail (ROSTER_IS_REMOVAL_HISTORY (self), FALSE);
  g_return_val_if_fail (tenant != NULL, FALSE);
  g_return_val_if_fail (organization_id != NULL, FALSE);
  g_return_val_if_fail (organization_name != NULL, FALSE);
  g_return_val_if_fail (user_ids != NULL, FALSE);
  g_return_val_if_fail (correlation_id != NULL, FALSE);

  for (guint i = 0; user_ids[i] != NULL; i++)
    json_array_add_string_element (members, user_ids[i]);

  json_object_set_string_member (object, "event", "sent");
  json_object_set_string_member (object, "time", time);
  json_object_set_string_member (object, "tenant", tenant);
  json_object_set_string_member (object, "organization_id", organization_id);
  json_object_set_string_member (object, "organization_name", organization_name);
  json_object_set_string_member (object, "correlation_id", correlation_id);
  json_object_set_array_member (object, "members", members);

  g_hash_table_add (self->in_flight, g_strdup (correlation_id));

  return append_line (self, object, error);
}

/**
 * roster_removal_history_record_answered:
 * @status: the HTTP status, 0 when no response arrived
 * @message: (nullable): why the request failed, %NULL for success
 *
 * Appends the outcome of a request recorded with
 * roster_removal_history_record_sent().
 *
 * Returns: whether the line was written
 */
gboolean
roster_removal_history_record_answered (RosterRemovalHistory  *self,
                                        const char            *correlation_id,
                                        guint                  status,
                                        const char            *message,
                                        GError               **error)
{
  g_autoptr(JsonObject) object = json_object_new ();
  g_autofree char *time = format_now ();

  g_return_val_if_fail (ROSTER_IS_REMOVAL_HISTORY (self), FALSE);
  g_return_val_if_fail (correlation_id != NULL, FALSE);

  json_object_set_string_member (object, "event", "answered");
  json_object_set_string_member (object, "time", time);
  json_object_set_string_member (object, "correlation_id", correlation_id);
  json_object_set_int_member (object, "status", status);
  if (message != NULL)
    json_object_set_string_member (object, "message", message);

  g_hash_table_remove (self->in_flight, correlation_id);

  return append_line (self, object, error);
}

/* Returns whether this process sent the request and still waits for it, as
 * opposed to a request left unanswered by an earlier run. */
gboolean
roster_removal_history_is_in_flight (RosterRemovalHistory *self,
                                     const char           *correlation_id)
{
  g_return_val_if_fail (ROSTER_IS_REMOVAL_HISTORY (self), FALSE);
  g_return_val_if_fail (correlation_id != NULL, FALSE);

  return g_hash_table_contains (self->in_flight, correlation_id);
}

/**
 * roster_removal_history_load:
 *
 * Reads the history file. A missing file is an empty history.
 *
 * Returns: (transfer container) (element-type RosterHistoryRecord): the
 *   requests, oldest first, or %NULL on a read error
 */
GPtrArray *
roster_removal_history_load (RosterRemovalHistory  *self,
                             GError               **error)
{
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GHashTable) by_correlation_id = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;

  g_return_val_if_fail (ROSTER_IS_REMOVAL_HISTORY (self), NULL);

  records = g_ptr_array_new_with_free_func ((GDestroyNotify) roster_history_record_free);
  if (!g_file_get_contents (self->path, &contents, NULL, &local_error))
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return g_steal_pointer (&records);

      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  by_correlation_id = g_hash_table_new (g_str_hash, g_str_equal);
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    parse_line (lines[i], records, by_correlation_id);

  return g_steal_pointer (&records);
}
