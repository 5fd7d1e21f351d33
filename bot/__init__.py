"""Front ends of the question-answering bot: Telegram, the console and the `ask` command."""
