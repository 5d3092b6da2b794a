from django.db import migrations



def drop_expression_index(apps, schema_editor):
    """The skill filter reads the stored column accounts_menteeprofile.skill_names (its
    own GIN index, accounts 0004_perf_skill_names): the expression index of 0003 only
    costs on every profile write now."""
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS mentee_profile_skill_names")


def restore_expression_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS mentee_profile_skill_names ON accounts_menteeprofile "
            "USING gin ((jsonb_path_query_array(lower(skills::text)::jsonb, '$[*].name')) "
            "jsonb_path_ops)"
        )


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0004_perf_skill_names"),
        ("applications", "0004_review_covering_indexes"),
    ]

    operations = [
        migrations.RunPython(drop_expression_index, restore_expression_index),
    ]
