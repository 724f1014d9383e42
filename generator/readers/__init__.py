"""Reading plans a clerk already has in Word (and PDF) back into kehoach's terms."""
