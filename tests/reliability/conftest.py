from tests.reliability import figures


def pytest_terminal_summary(terminalreporter):
    lines = figures.summary()
    if lines:
        terminalreporter.section("reliability figures")
        for line in lines:
            terminalreporter.write_line(line)
