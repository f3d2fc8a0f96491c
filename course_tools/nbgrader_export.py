"""`nbgrader export` for the micrograd course: one CSV row per student, assignment and exercise.

`python3 course.py nbgrader DIR` copies this file into DIR as exercise_scores.py, and DIR's
nbgrader_config.py makes it the exporter, so `nbgrader export` in DIR writes grades.csv
(`--to FILE` for another name) with the columns

    student_id, assignment, notebook, exercise, score, max_score

An exercise is one graded test cell (its grade_id, e.g. exercise2_slope_estimate); a student
who submitted nothing for an assignment gets 0 for each of its exercises. The score is the one
the formgrader shows: the autograder's, or the teacher's manual one where it was given.
"""

import csv

from nbgrader.api import MissingEntry
from nbgrader.plugins import ExportPlugin

COLUMNS = ["student_id", "assignment", "notebook", "exercise", "score", "max_score"]


class ExerciseScores(ExportPlugin):
    """One row per student, assignment and exercise (graded cell), with its points."""

    def export(self, gradebook):
        dest = self.to or "grades.csv"
        students = [str(s) for s in self.student]
        assignments = [str(a) for a in self.assignment]
        self.log.info("Exporting one row per exercise to %s", dest)
        with open(dest, "w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(COLUMNS)
            for assignment in gradebook.assignments:
                if assignments and assignment.name not in assignments:
                    continue
                for student in gradebook.students:
                    if students and student.id not in students:
                        continue
                    for notebook in assignment.notebooks:
                        for cell in notebook.grade_cells:
                            writer.writerow([student.id, assignment.name, notebook.name,
                                             cell.name, self.score(gradebook, cell, student),
                                             cell.max_score])

    @staticmethod
    def score(gradebook, cell, student):
        try:
            grade = gradebook.find_grade(cell.name, cell.notebook.name,
                                         cell.notebook.assignment.name, student.id)
        except MissingEntry:  # nothing submitted
            return 0.0
        return grade.score
