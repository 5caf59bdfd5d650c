from django import forms


class InviteForm(forms.Form):
    email = forms.EmailField(
        required=False,
        label="Your partner's email (optional)",
        help_text="We'll email them the link. You can also copy it and send it yourself.",
    )
