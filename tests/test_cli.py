"""The command line as users and scripts drive it: `ask`, `ask --json`, `console`, errors."""

from __future__ import annotations

from pathlib import Path

from tests.cli import ask_json, run_bot


def test_the_mission_question_is_answered_with_the_194_stations_paragraph():
    [answer] = ask_json(stdin="how many commune stations does Lang Son have\n")
    assert answer["answered"] is True
    assert "194" in answer["answer"]
    assert "194 commune-level medical stations" in answer["passages"][0]["text"]


def test_json_has_the_documented_shape_for_every_question_on_stdin():
    answers = ask_json(stdin="how many hospital beds does Lang Son have?\n\n"
                             "what is the capital of France?\n")
    assert [a["question"] for a in answers] == ["how many hospital beds does Lang Son have?",
                                                "what is the capital of France?"]
    for answer in answers:
        assert {"question", "answered", "answer", "passages"} <= answer.keys()
        assert isinstance(answer["answered"], bool)
        for passage in answer["passages"]:
            assert {"text", "score", "article", "date", "source", "paragraph"} <= passage.keys()
    beds = answers[0]
    assert len(beds["passages"]) == 3
    scores = [p["score"] for p in beds["passages"]]
    assert scores == sorted(scores, reverse=True)
    assert beds["passages"][0]["article"].startswith("The health sector of Lang Son province")
    assert beds["passages"][0]["source"] == "lang-son-health-sector-70-years.txt"
    assert beds["passages"][0]["paragraph"] == 6


def test_the_same_question_gets_the_same_passages_after_a_restart():
    # Python orders a set of words differently in each process: "mission" and "obligation"
    # both stand in by "duty", and which one took it once decided a passage's score
    question = "Is the mission of Lang Son's doctors described only as an obligation?"
    runs = [ask_json(question, env={"PYTHONHASHSEED": seed}) for seed in ("0", "4")]
    assert [[(p["score"], p["paragraph"]) for p in run[0]["passages"]] for run in runs] == [
        [(p["score"], p["paragraph"]) for p in runs[0][0]["passages"]]] * 2


def test_questions_can_be_arguments_one_json_line_each():
    answers = ask_json("who directs the Huu Nghi hospital?", "when was the health department "
                       "of Lang Son founded?")
    assert len(answers) == 2
    assert "1948" in answers[1]["answer"]


def test_an_unanswerable_question_says_so_and_still_lists_the_nearest_passages():
    [answer] = ask_json("how many hospitals are there in Hanoi?")
    assert answer["answered"] is False
    assert answer["answer"] is None
    assert answer["passages"], "nearest passages are listed even when not answered"
    assert answer["reason"] and answer["declined"]  # why, in words and as a kind


def test_a_figure_asked_of_another_place_is_declined_as_not_about_it():
    [answer] = ask_json("How many hospital beds does Hanoi have?")
    assert answer["answered"] is False
    assert "Hanoi" in answer["reason"] and answer["declined"] == "not_about"


def test_an_answered_question_gives_no_reason_to_decline():
    [answer] = ask_json("how many hospital beds does Lang Son have?")
    assert answer["answered"] is True
    assert answer["reason"] is None and answer["declined"] is None


def test_ask_for_people_prints_the_sentence_passage_and_source():
    done = run_bot("ask", "how many doctors per 10,000 residents in Lang Son?")
    assert done.returncode == 0, done.stderr
    assert "11.4 doctors" in done.stdout
    assert "The health sector of Lang Son province" in done.stdout
    assert "paragraph 8" in done.stdout


def test_another_folder_via_option_or_environment(articles_dir: Path):
    question = "how many children were vaccinated against measles?"
    for answers in (ask_json("--knowledge", str(articles_dir), question),
                    ask_json(question, env={"KNOWLEDGE_DIR": str(articles_dir)})):
        assert "12,400" in answers[0]["answer"]


def test_broken_file_is_named_on_stderr_and_the_rest_is_served(articles_dir: Path):
    (articles_dir / "broken.txt").write_bytes(b"\xff\xfe\x00\x01binary")
    done = run_bot("ask", "--knowledge", str(articles_dir), "--json", "measles vaccination")
    assert done.returncode == 0
    assert "broken.txt" in done.stderr and "binary" in done.stderr
    assert '"answered": true' in done.stdout


def test_a_folder_without_articles_is_one_error_line_and_exit_code_2(tmp_path: Path):
    done = run_bot("ask", "--knowledge", str(tmp_path), "anything")
    assert done.returncode == 2
    assert done.stderr.strip().startswith("error:")
    assert "Traceback" not in done.stderr
    assert run_bot("console", "--knowledge", str(tmp_path / "missing")).returncode == 2


def test_console_answers_each_line_shows_more_and_stops_at_quit():
    done = run_bot("console", stdin="how many hospital beds does Lang Son have\n/more\n"
                                    "/about\n/help\nqwerty zzzz\n/quit\nnot read\n")
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "2,762 hospital beds" in out
    assert "2. " in out  # /more lists the next passages, numbered from 2
    assert "passages from 2 article(s)" in out
    assert "/quit" in out  # the help text
    assert "could not find" in out  # the nonsense line
    assert "not read" not in out


def test_console_ends_at_end_of_input():
    done = run_bot("console", stdin="who is the director of the Huu Nghi hospital")
    assert done.returncode == 0
    assert "Nguyen The Anh" in done.stdout


def test_help_shows_examples_for_every_command():
    done = run_bot("--help")
    assert done.returncode == 0
    assert "python -m bot ask" in done.stdout and "python -m bot console" in done.stdout


def test_about_lists_the_first_articles_of_a_large_archive_and_counts_the_rest(tmp_path: Path):
    for number in range(25):
        (tmp_path / f"a{number:02}.txt").write_text(f"News item {number} about clinics.\n",
                                                    encoding="utf-8")
    done = run_bot("console", "--knowledge", str(tmp_path), stdin="/about\n")
    assert done.returncode == 0, done.stderr
    assert done.stdout.count("  • ") == 20
    assert "… and 5 more" in done.stdout


def test_output_cut_short_by_head_ends_quietly():
    import subprocess
    import sys

    from tests.cli import ROOT

    done = subprocess.run(
        f"yes 'how many beds' | head -n 3000 | {sys.executable} -m bot ask --json | head -n 1",
        shell=True, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.stdout.count("\n") == 1
    assert "Traceback" not in done.stderr and "BrokenPipe" not in done.stderr
