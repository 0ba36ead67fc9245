DOC = '这就是广东'
SP = []
ED = []
# batch 2, S4. Lyrical feature: no speech acts, no citation edges. 有人说 (unnamed); “英歌小女孩”庄恩琪's “我要跳到一百岁！” is a
# quotation with no speech verb and no attribution in its own sentence (no row); “饮咗茶未” / “通过广交会这个平台…” are unattributed;
# the source link and the reposter's note are blockquotes (out of scope).
