"""File ▸ Export map…: how the export should look (format, page, resolution, theme, what it
shows), remembered between sessions, then where to save it.

The choices become the same ``ExportOptions`` the command line builds from its flags, and the
refusals (a picture too large to render, a folder that cannot be written) are its checks.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.cli_export import DATA_FORMATS as DATA  # the map's data, not a picture of it
from app.domain import MapData
from app.errors import BadInput
from app.safe_files import check_target
from ui.exporters import DEFAULT_PIXELS, png_geometry
from ui.render import (
    PAPER_MM,
    ExportOptions,
    build_scene,
    check_renderable,
    is_landscape,
    prepared_map,
)
from ui.theme import THEMES, theme_named

FORMATS = {  # key: (what the list says, the save dialog's filter)
    "png": ("PNG picture: slides and documents", "PNG picture (*.png)"),
    "pdf": ("PDF page: prints sharply, words can be selected", "PDF document (*.pdf)"),
    "svg": ("SVG drawing: for editing and web pages", "SVG drawing (*.svg)"),
    "xlsx": ("Excel workbook: for Kumu, Excel and Ecomap", "Excel workbook (*.xlsx)"),
    "csv": ("CSV files: elements and connections", "CSV files (*.csv)"),
    "graphml": ("GraphML network: for yEd", "GraphML network (*.graphml)"),
    "gexf": ("GEXF network: for Gephi", "GEXF network (*.gexf)"),
}
DATA_RESULT = {
    "xlsx": "An Elements and a Connections sheet with every field: Ecomap, Kumu and Excel "
            "read it.",
    "csv": "Two files side by side, “…-elements.csv” and “…-connections.csv”, with every "
           "field: Ecomap, Kumu and Excel read them.",
    "graphml": "The network with its colours, shapes and positions, as yEd draws it, and "
               "everything Ecomap needs to read it back.",
    "gexf": "The network with its colours, sizes and positions, as Gephi draws it, and "
            "everything Ecomap needs to read it back.",
}
CUSTOM = "custom"
SIZES = ((DEFAULT_PIXELS, "Full HD screen, 1920 × 1080"), ("A4", "A4 paper"),
         ("A3", "A3 paper"), (CUSTOM, "Width × height of my own"))
PAPER_ONLY = ("pdf",)  # a PDF is a sheet of paper: pixel sizes do not apply
DPIS = ((96, "96 dpi: screens"), (150, "150 dpi: good print"), (300, "300 dpi: sharp print"))
LARGEST_TYPED = 99_999  # custom sizes may be typed larger than renders, to be told why not
KEY = "export/"


def choose_export_path(parent: QWidget, start: Path, fmt: str) -> Path | None:
    """Where to save: the platform's save dialog (which asks before replacing a file)."""
    filters = [FORMATS[fmt][1]] + [f for key, (_, f) in FORMATS.items() if key != fmt]
    path, _chosen = QFileDialog.getSaveFileName(parent, "Export map", str(start),
                                                ";;".join(filters))
    return Path(path) if path else None


def safe_name(name: str) -> str:
    """A map's name as a file name: no characters a file system refuses."""
    cleaned = "".join(c if c.isalnum() or c in " -_()." else " " for c in name).strip(" .")
    return " ".join(cleaned.split())[:80] or "map"


class ExportDialog(QDialog):
    """The choices of one map export; ``chosen(path, options)`` once the user has said where."""

    chosen = Signal(object, object)  # Path, ExportOptions

    def __init__(self, parent: QWidget, data: MapData, canvas_theme: str,
                 selection: tuple[str, ...], settings: QSettings | None,
                 only_selected: bool = False):
        super().__init__(parent)
        self.data, self.selection, self.settings = data, selection, settings
        self.problem = ""
        self._picture = True  # a picture's choices shown (not those of a data format)
        self._shapes: dict[tuple, bool] = {}  # (selection, theme): landscape?
        self.setObjectName("export_dialog")
        self.setWindowTitle("Export map")
        self._build_fields()
        self._build_layout()
        self._restore(canvas_theme, only_selected and bool(selection))
        for combo in (self.format_box, self.size_box, self.dpi_box, self.theme_box):
            combo.currentIndexChanged.connect(self.update_fields)
        for spin in (self.width_box, self.height_box):
            spin.valueChanged.connect(self.update_fields)
        self.selection_box.toggled.connect(self.update_fields)
        self.update_fields()

    # --- building --------------------------------------------------------------------------

    def _build_fields(self) -> None:
        self.format_box = self._combo("export_format",
                                      [(key, text) for key, (text, _) in FORMATS.items()])
        self.size_box = self._combo("export_size", SIZES)
        self.width_box = self._pixels("export_width")
        self.height_box = self._pixels("export_height")
        self.dpi_box = self._combo("export_dpi", DPIS)
        self.dpi_box.setToolTip("How many dots make an inch on paper: more is sharper and larger")
        self.theme_box = self._combo("export_theme", [(k, t.name) for k, t in THEMES.items()])
        self.title_box = self._check("export_title", "The map's name, the date and the counts")
        self.legend_box = self._check("export_legend", "The legend of building blocks")
        count = len(self.selection)
        self.selection_box = self._check(
            "export_selection", f"Only the {count} selected node{'' if count == 1 else 's'} "
            "and their connections" if count else "Only the selected nodes (select some first)")
        self.selection_box.setEnabled(bool(count))
        self.transparent_box = self._check("export_transparent", "Transparent background")
        self.result = QLabel(self, objectName="export_result", wordWrap=True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.export_button = self.buttons.addButton(
            "Export…", QDialogButtonBox.ButtonRole.AcceptRole)
        self.export_button.setObjectName("export_button")
        self.export_button.setDefault(True)
        self.buttons.accepted.connect(self.export)
        self.buttons.rejected.connect(self.reject)

    def _combo(self, name: str, entries) -> QComboBox:
        combo = QComboBox(self, objectName=name)
        for value, text in entries:
            combo.addItem(text, value)
        return combo

    def _pixels(self, name: str) -> QSpinBox:
        spin = QSpinBox(self, objectName=name, minimum=16, maximum=LARGEST_TYPED,
                        suffix=" px", singleStep=100)
        spin.setGroupSeparatorShown(True)
        return spin

    def _check(self, name: str, text: str) -> QCheckBox:
        return QCheckBox(text, self, objectName=name)

    def _build_layout(self) -> None:
        self.custom_row = QWidget(self)
        row = QHBoxLayout(self.custom_row)
        row.setContentsMargins(0, 0, 0, 0)
        for widget in (self.width_box, QLabel("×", self.custom_row), self.height_box):
            row.addWidget(widget)
        row.addStretch(1)
        form = QFormLayout()
        form.addRow("&Format:", self.format_box)
        form.addRow("&Size:", self.size_box)
        form.addRow("&Width × height:", self.custom_row)
        form.addRow("&Resolution:", self.dpi_box)
        form.addRow("&Theme:", self.theme_box)
        form.addRow("Show:", self.title_box)
        form.addRow("", self.legend_box)
        form.addRow("", self.selection_box)
        form.addRow("", self.transparent_box)
        self.form = form
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.result)
        layout.addStretch(1)
        layout.addWidget(self.buttons)

    # --- what the choices mean --------------------------------------------------------------

    @property
    def chosen_format(self) -> str:
        return self.format_box.currentData()

    def options(self) -> ExportOptions:
        """The choices as the exporters (and the command line) take them."""
        size = self.size_box.currentData()
        if size == CUSTOM:
            size = f"{self.width_box.value()}x{self.height_box.value()}"
        fmt = self.chosen_format
        return ExportOptions(
            size=size, dpi=self.dpi_box.currentData(), theme=self.theme_box.currentData(),
            title=self.title_box.isChecked(), legend=self.legend_box.isChecked(),
            selection=self.selection if self.selection_box.isChecked() else (),
            transparent=self.transparent_box.isChecked() and fmt != "pdf")

    def update_fields(self, *_args) -> None:
        """Offer only what applies to the format, and say how large a picture will be."""
        fmt = self.chosen_format
        sizes = self.size_box.model()
        for row, (value, _text) in enumerate(SIZES):
            sizes.item(row).setEnabled(fmt not in PAPER_ONLY or value in PAPER_MM)
        if not sizes.item(self.size_box.currentIndex()).isEnabled():
            self.size_box.setCurrentIndex(self.size_box.findData("A4"))
        custom = self.size_box.currentData() == CUSTOM
        picture = fmt not in DATA
        for field in (self.size_box, self.dpi_box, self.theme_box, self.title_box,
                      self.legend_box, self.transparent_box):
            self.form.setRowVisible(field, picture)
        self.form.setRowVisible(self.custom_row, custom and picture)
        if picture != self._picture:  # no room left where the picture's choices were
            self._picture = picture
            self.adjustSize()
        on_paper = self.size_box.currentData() in PAPER_MM
        self.dpi_box.setEnabled(fmt == "pdf" or (fmt == "png" and on_paper))
        self.transparent_box.setEnabled(fmt != "pdf")
        self._show_result()

    def _show_result(self) -> None:
        self.problem = ""
        if self.chosen_format == "png":
            options = self.options()
            landscape = options.paper is not None and self._landscape()
            width, height, _scale = png_geometry(options, landscape)
            try:
                check_renderable(width, height, "The picture",
                                 "Choose a smaller size or a lower resolution.")
                text = f"The picture will be {width} × {height} px."
            except BadInput as error:
                self.problem = text = error.message
        elif self.chosen_format in DATA:
            text = DATA_RESULT[self.chosen_format]
        else:
            text = "Sharp at any size; words can be selected and searched."
        self.result.setText(text)
        self.export_button.setEnabled(not self.problem)
        self._fit_result()

    def _fit_result(self) -> None:
        """Tall enough for the whole of what the format writes (the CSV pair's words take a
        line more than the workbook's), never cut off at the top and bottom."""
        layout = self.layout()
        needed = layout.totalHeightForWidth(self.width()) if layout.hasHeightForWidth() else -1
        if needed > self.height():
            self.resize(self.width(), needed)

    def _landscape(self) -> bool:
        """Whether the page turns sideways: as the exporters decide, from the map's shape in
        the chosen theme (labels differ in size)."""
        options = self.options()
        key = (options.selection, options.theme)
        if key not in self._shapes:  # building the scene takes a moment on a large map
            scene = build_scene(prepared_map(self.data, options.selection),
                                theme_named(options.theme), paper=True)
            self._shapes[key] = is_landscape(scene)
        return self._shapes[key]

    # --- exporting -------------------------------------------------------------------------

    def export(self) -> None:
        """Ask where, then hand the choices on; a place that cannot be written is said here."""
        if self.problem:
            return
        path = choose_export_path(self, self._start_path(), self.chosen_format)
        if path is None:
            return
        path = self._follow_ending(path)
        try:
            check_target(path)
        except BadInput as error:
            self.result.setText(f"Cannot save “{path.name}”: {error.message}.")
            return
        if self.problem:  # the ending chose another format, whose choices do not work
            return
        self._remember(path.parent)
        self.chosen.emit(path, self.options())
        self.accept()

    def _follow_ending(self, path: Path) -> Path:
        """A file name ending in .png, .pdf or .svg chooses the format; any other gets one."""
        ending = path.suffix.lower().lstrip(".")
        if ending in FORMATS:
            self.format_box.setCurrentIndex(self.format_box.findData(ending))
            return path
        return path.with_name(f"{path.name}.{self.chosen_format}")

    def _start_path(self) -> Path:
        folder = self._setting("folder", "", str) or QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation)
        name = safe_name(self.data.name)
        if self.selection_box.isChecked():
            name += " (selection)"
        return Path(folder) / f"{name}.{self.chosen_format}"

    # --- remembering -----------------------------------------------------------------------

    def _restore(self, canvas_theme: str, only_selected: bool) -> None:
        """The last export's choices; the theme is always the canvas's (what you see)."""
        for combo, default in ((self.format_box, "png"), (self.size_box, DEFAULT_PIXELS),
                               (self.dpi_box, 150)):
            value = self._setting(combo.objectName(), default, type(default))
            combo.setCurrentIndex(max(0, combo.findData(value)))
        self.width_box.setValue(self._setting("export_width", 3840, int))
        self.height_box.setValue(self._setting("export_height", 2160, int))
        for check in (self.title_box, self.legend_box):
            check.setChecked(self._setting(check.objectName(), True, bool))
        self.transparent_box.setChecked(self._setting("export_transparent", False, bool))
        self.theme_box.setCurrentIndex(max(0, self.theme_box.findData(canvas_theme)))
        self.selection_box.setChecked(only_selected)

    def _setting(self, name: str, default, kind):
        if self.settings is None:
            return default
        return self.settings.value(KEY + name, default, type=kind)

    def _remember(self, folder: Path) -> None:
        if self.settings is None:
            return
        values = {combo.objectName(): combo.currentData()
                  for combo in (self.format_box, self.size_box, self.dpi_box)}
        values |= {spin.objectName(): spin.value() for spin in (self.width_box, self.height_box)}
        values |= {check.objectName(): check.isChecked()
                   for check in (self.title_box, self.legend_box, self.transparent_box)}
        values["folder"] = str(folder)
        for name, value in values.items():
            self.settings.setValue(KEY + name, value)
        self.settings.sync()
