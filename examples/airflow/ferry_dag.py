"""The homework's daily DAG (create a Data Proc cluster, run the PySpark cleaning job, delete the cluster), with ferry,
and beside it the Rocket homework's (listing_2_10: launches and their images) with its watchdog.

    plan ──> cloud_run ──> reap (teardown)
    rocket ──> check

- plan: ferry's plan; nothing new skips the run (exit 99), so no cluster is ever created for nothing.
- cloud_run: `pnpm cloud-run` deploys the work stack, runs the job on its cluster, publishes, and always destroys
  the stack, on failure too and when Airflow stops the task (SIGTERM, e.g. past execution_timeout).
- reap: `ferry reap`, a teardown: it runs whenever the plan found work, whatever cloud_run did, and deletes any
  ferry cluster past its expiry (one a killed worker left). As a teardown it never turns a failed run green.
- rocket: `ferry rocket run` (upcoming launches, the last 30 days, their images, the table and reports); it exits 1
  when more than 10% of the launch images failed.
- check: `ferry runs --check --max-age 26h --pipeline rocket`, whatever rocket did: it fails (and tells
  FERRY_WEBHOOK_URL) only when there has been no rocket success for 26 hours. It reads run records and writes nothing.

Nothing is read while the scheduler parses this file: each command reads its settings when it runs, from the
worker's environment: FERRY_HOME (a ferry checkout with `pnpm install` done), YC_SERVICE_ACCOUNT_KEY_FILE,
YC_FOLDER_ID, AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, FERRY_SOURCE, FERRY_RESULTS, FERRY_S3_ENDPOINT and,
for the Terraform state, FERRY_TF_STATE_BUCKET; optionally LL2_API_TOKEN and FERRY_WEBHOOK_URL. Needs Airflow 2.7 or later (setup and teardown tasks).
"""

from datetime import datetime, timedelta

from airflow import DAG
from airflow.operators.bash import BashOperator

IN_FERRY_HOME = 'set -euo pipefail; cd "${FERRY_HOME:?set FERRY_HOME to a ferry checkout}"; '
FERRY = "node packages/cli/bin/ferry.js"
PNPM = "npx --yes pnpm@10.34.8"
# BashOperator marks a task skipped when its command exits with this code.
NOTHING_NEW = 99
# Reads `ferry plan --json` from stdin: prints how many periods are new, exits NOTHING_NEW when none is.
NEW_PERIODS = (
    "python3 -c 'import json, sys; new = json.load(sys.stdin)[\"new\"]; "
    "print(len(new), \"new period(s)\"); sys.exit(0 if new else " + str(NOTHING_NEW) + ")'"
)

with DAG(
    dag_id="ferry_transactions",
    description="ferry: new card-transaction periods cleaned on an ephemeral Data Processing cluster",
    schedule="@daily",
    start_date=datetime(2026, 1, 1),
    catchup=False,
    max_active_runs=1,
    default_args={"retries": 0},
    tags=["ferry"],
) as dag:
    plan = BashOperator(
        task_id="plan",
        bash_command=IN_FERRY_HOME + FERRY + " plan --json | " + NEW_PERIODS,
        skip_on_exit_code=NOTHING_NEW,
        execution_timeout=timedelta(minutes=10),
    )
    cloud_run = BashOperator(
        task_id="cloud_run",
        bash_command=IN_FERRY_HOME + PNPM + " cloud-run",
        execution_timeout=timedelta(hours=5),
    )
    reap = BashOperator(
        task_id="reap",
        bash_command=IN_FERRY_HOME + FERRY + " reap",
        execution_timeout=timedelta(minutes=30),
    )

    rocket = BashOperator(
        task_id="rocket",
        bash_command=IN_FERRY_HOME + FERRY + " rocket run --max-image-failures 10%",
        execution_timeout=timedelta(minutes=30),
    )
    check = BashOperator(
        task_id="check",
        bash_command=IN_FERRY_HOME + FERRY + " runs --check --max-age 26h --pipeline rocket",
        trigger_rule="all_done",
        execution_timeout=timedelta(minutes=5),
    )

    plan >> cloud_run >> reap.as_teardown(setups=plan)
    rocket >> check
