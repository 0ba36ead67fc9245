DOC = '2025年国考申论副省级大作文半月谈范文'
SP = []
ED = []
# Model essay: no speech acts. 黄河水利委员会…对标“黄河很美，将来会更美”使命要求 — the quotation is unattributed (no edge).
