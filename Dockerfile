FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /app
COPY pyproject.toml README.md ./
COPY requirements/constraints.txt ./requirements/
RUN pip install --no-cache-dir -c requirements/constraints.txt .
COPY . .
RUN DJANGO_SETTINGS_MODULE=config.settings.dev python manage.py collectstatic --noinput \
    && useradd --create-home app && mkdir -p /var/lib/mentorship/private-media \
    && chown -R app /var/lib/mentorship
USER app
EXPOSE 8000
CMD ["gunicorn", "config.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3"]
